package dev.fulcrum.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.fulcrum.sandbox.capi.FailureInjection;
import dev.fulcrum.sandbox.capi.MachineFailure;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Life without the management plane: the fake management plane is stopped while the agent works; the agent keeps
 * reconciling from its cached spec, records what happens, and delivers it once the management plane is back. The
 * token never shows in the agent's log.
 */
class AgentOutageTest extends AgentTestSupport {

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeEach
  void captureLog() {
    log.start();
    root().addAppender(log);
  }

  @AfterEach
  void tokenNeverLogged() {
    root().detachAppender(log);
    assertThat(log.list).isNotEmpty();
    for (ILoggingEvent event : log.list) {
      String text = event.getFormattedMessage()
          + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
      assertThat(text).doesNotContain(TOKEN);
    }
  }

  @Test
  void workIsFinishedAndRemediationsRecordedWhileTheManagementPlaneIsDownAndReportedWhenItReturns() {
    AtomicReference<String> failing = new AtomicReference<>("");
    FailureInjection failures = machine -> machine.name().equals(failing.get())
        ? Set.of(MachineFailure.NODE_UNHEALTHY) : Set.of();
    WorkloadCluster cluster = closeLater(WorkloadCluster.pivoted(sandbox, "outage", failures));
    FakeManagementPlane server = managementPlane();
    server.publish(quickHealthChecks(cluster.specs().poolReplicas("general", 1)).json("1"));
    Agent agent = agent(server, cluster);
    AgentReconcileTest.awaitReady(server, "1", 2);

    server.publish(quickHealthChecks(cluster.specs().poolReplicas("general", 2)).json("2"));
    await().atMost(WAIT).until(() -> agent.specVersion().orElse("").equals("2"));
    server.stop();
    int reportsBeforeTheOutage = server.reports().size();

    // A worker's node fails; its MachineHealthCheck marks it, and its owner replaces it (deleted here at once, as the
    // MachineSet does, should the test get there before the simulator's MachineSet).
    String victim = cluster.list(CORE, "Machine", Map.of("fulcrum.dev/pool", "general")).get(0)
        .at("/metadata/name").asString();
    failing.set(victim);
    await().atMost(WAIT).until(() -> cluster.get(CORE, "Machine", victim)
        .map(m -> CapiKinds.condition(m, "HealthCheckSucceeded")).orElse("").equals("False"));
    failing.set("");
    cluster.client().genericKubernetesResources(CORE, "Machine").inNamespace(cluster.namespace()).withName(victim)
        .delete();

    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(agent.lastStatus()).isPresent();
      StatusReport status = agent.lastStatus().get();
      assertThat(status.observedVersion()).isEqualTo("2");
      assertThat(status.phase()).as(status.message()).isEqualTo(StatusReport.Phase.READY);
      assertThat(status.machines()).isEqualTo(new StatusReport.MachineCounts(3, 3));
      assertThat(cluster.get(CORE, "Machine", victim)).isEmpty();
    });
    String state = cluster.client().configMaps().inNamespace("fulcrum-system").withName("fulcrum-agent-state").get()
        .getData().get("events.json");
    assertThat(state).contains("MachineRemediated", victim).contains("Reconciled");
    assertThat(server.reports()).as("nothing reached the stopped server").hasSize(reportsBeforeTheOutage);

    server.start();
    await().atMost(WAIT).untilAsserted(() -> {
      List<String> reasons = AgentReconcileTest.reasons(server);
      assertThat(reasons).contains("MachineRemediated", "ManagementPlaneUnreachable");
      assertThat(server.lastReport().path("phase").asString()).isEqualTo("Ready");
      assertThat(server.lastReport().path("observedVersion").asString()).isEqualTo("2");
    });
    JsonNode remediated = server.events().stream()
        .filter(e -> e.path("reason").asString().equals("MachineRemediated")).findFirst().orElseThrow();
    assertThat(remediated.path("message").asString()).contains(victim, "pool general", "health check failed");
    assertThat(server.events().stream().filter(e -> e.path("reason").asString().equals("ManagementPlaneUnreachable"))
        .findFirst().orElseThrow().path("message").asString()).matches("management plane unreachable from .* to .*");
    await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.client().configMaps().inNamespace("fulcrum-system")
        .withName("fulcrum-agent-state").get().getData().get("events.json")).isEqualTo("[]"));
  }

  @Test
  void aRestartedAgentWorksFromItsCacheWhileTheManagementPlaneIsDown() {
    WorkloadCluster cluster = closeLater(WorkloadCluster.pivoted(sandbox, "cached", FailureInjection.none()));
    FakeManagementPlane server = managementPlane();
    server.publish(cluster.specs().poolReplicas("general", 1).json("1"));
    Agent first = Agent.start(config(server.url(), "cached"), cluster.client());
    try {
      AgentReconcileTest.awaitReady(server, "1", 2);
    } finally {
      first.close();
    }
    server.stop();
    // Drift while no agent runs: someone scales the pool to zero.
    cluster.client().genericKubernetesResources(CORE, "MachineDeployment").inNamespace(cluster.namespace())
        .withName("cached-general").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":0}}");

    Agent restarted = agent(server, cluster);

    assertThat(restarted.specVersion()).contains("1");
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(restarted.lastStatus()).isPresent();
      StatusReport status = restarted.lastStatus().get();
      assertThat(status.phase()).as(status.message()).isEqualTo(StatusReport.Phase.READY);
      assertThat(status.workerPools()).extracting(StatusReport.PoolStatus::readyReplicas).containsExactly(1);
      assertThat(status.machines()).isEqualTo(new StatusReport.MachineCounts(2, 2));
    });
  }

  @Test
  void aRefusedTokenIsReportedWithoutRevealingIt() {
    WorkloadCluster cluster = closeLater(WorkloadCluster.empty(sandbox, "refused"));
    FakeManagementPlane server = closeLater(new FakeManagementPlane("another-token"));
    server.publish(cluster.specs().json("1"));
    agent(server, cluster);

    await().atMost(WAIT).until(() -> server.unauthorized() >= 2);
    await().atMost(WAIT).until(() -> log.list.stream()
        .anyMatch(e -> e.getFormattedMessage().contains("the agent's token was refused")));
  }

  /** Health checks that find an unready node unhealthy after one second instead of five minutes. */
  private static TestSpecs quickHealthChecks(TestSpecs specs) {
    specs.objects().stream().filter(o -> o.path("kind").asString().equals("MachineHealthCheck"))
        .forEach(mhc -> ((ArrayNode) mhc.at("/spec/checks/unhealthyNodeConditions"))
            .forEach(condition -> ((ObjectNode) condition).put("timeoutSeconds", 1)));
    return specs;
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
