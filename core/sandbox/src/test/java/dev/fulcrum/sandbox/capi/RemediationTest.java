package dev.fulcrum.sandbox.capi;

import static dev.fulcrum.sandbox.capi.SimulatorFixture.CLUSTER_API;
import static dev.fulcrum.sandbox.capi.SimulatorFixture.CONTROL_PLANE_API;
import static dev.fulcrum.sandbox.capi.SimulatorFixture.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.sandbox.SandboxOptions;
import dev.fulcrum.sandbox.SandboxServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Node failures injected through the Kubernetes API (the {@code sandbox.fulcrum.dev/kubelet: stopped} Node
 * annotation) and MachineHealthCheck remediation by the machines' owners.
 */
class RemediationTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Map<String, String> WORKERS = Map.of("fulcrum.dev/pool", "general");
  private static final Map<String, String> CONTROL_PLANE = Map.of("cluster.x-k8s.io/control-plane", "");

  private static SandboxServer server;
  private static KubernetesClient client;
  private static CapiSimulator simulator;

  @BeforeAll
  static void start() {
    server = SandboxServer.start(SandboxOptions.defaults());
    client = SimulatorFixture.client(server, SandboxServer.MANAGEMENT);
    CapiCrds.install(client, List.of(SimulatorFixture.DEV), Optional.of(SimulatorFixture.sharedCrds()));
    simulator = CapiSimulator.start(client, SimulatorOptions.of(WorkloadApis.of(server), SimulatorFixture.DEV)
        .withDelays(Delays.none()));
  }

  @AfterAll
  static void stop() {
    simulator.close();
    client.close();
    server.close();
  }

  @Test
  void workerWhoseKubeletStoppedIsReplacedByItsMachineSet() {
    String ns = SimulatorFixture.apply(client, "dev-1-initial.yaml", "rw");
    SimulatorFixture.apply(client, "dev-1-workers.yaml", "rw");
    SimulatorFixture.apply(client, "dev-1-health-checks.yaml", "rw", impatient("50%"));
    List<JsonNode> workers = SimulatorFixture.awaitRunningMachines(client, ns, WORKERS, 2);
    String victim = workers.get(0).at("/metadata/name").asString();

    try (KubernetesClient workload = workload(ns, "rw")) {
      stopKubelet(workload, workers.get(0).at("/status/nodeRef/name").asString());
      await().atMost(WAIT).untilAsserted(() -> assertThat(workload.nodes().withName(victim).get().getStatus()
          .getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Ready");
            assertThat(c.getStatus()).isEqualTo("Unknown");
            assertThat(c.getReason()).isEqualTo("NodeStatusUnknown");
          }));

      await().atMost(WAIT).untilAsserted(() -> {
        List<JsonNode> now = SimulatorFixture.machines(client, ns, WORKERS);
        assertThat(now).extracting(m -> m.at("/metadata/name").asString()).hasSize(2).doesNotContain(victim);
        assertThat(now).allSatisfy(m -> assertThat(m.at("/status/phase").asString()).isEqualTo("Running"));
        assertThat(workload.nodes().withName(victim).get()).isNull();
      });
    }
  }

  @Test
  void controlPlaneMachineIsRemediatedByKubeadmControlPlaneWhenThreeRun() {
    String ns = SimulatorFixture.apply(client, "dev-1-initial.yaml", "rcp");
    SimulatorFixture.apply(client, "dev-1-health-checks.yaml", "rcp", impatient("40%"));
    SimulatorFixture.mergePatch(client, CONTROL_PLANE_API, "KubeadmControlPlane", ns, "rcp-control-plane",
        "{\"spec\":{\"replicas\":3}}");
    List<JsonNode> machines = SimulatorFixture.awaitRunningMachines(client, ns, CONTROL_PLANE, 3);
    String victim = machines.get(1).at("/metadata/name").asString();

    try (KubernetesClient workload = workload(ns, "rcp")) {
      stopKubelet(workload, victim);
      await().atMost(WAIT).untilAsserted(() -> {
        List<JsonNode> now = SimulatorFixture.machines(client, ns, CONTROL_PLANE);
        assertThat(now).extracting(m -> m.at("/metadata/name").asString()).hasSize(3).doesNotContain(victim);
        assertThat(now).allSatisfy(m -> assertThat(m.at("/status/phase").asString()).isEqualTo("Running"));
        assertThat(workload.nodes().withLabel("node-role.kubernetes.io/control-plane").list().getItems())
            .hasSize(3);
      });
    }
  }

  @Test
  void theOnlyControlPlaneMachineAndOptedOutMachinesAreNotRemediated() {
    String ns = SimulatorFixture.apply(client, "dev-1-initial.yaml", "rno");
    SimulatorFixture.apply(client, "dev-1-workers.yaml", "rno", document -> {
      if ("MachineDeployment".equals(document.path("kind").asString())) {
        ((ObjectNode) document.at("/spec/template/metadata")).putObject("annotations")
            .put("cluster.x-k8s.io/skip-remediation", "");
        ((ObjectNode) document.at("/spec")).put("replicas", 1);
      }
    });
    SimulatorFixture.apply(client, "dev-1-health-checks.yaml", "rno", impatient("100%"));
    String controlPlane = SimulatorFixture.awaitRunningMachines(client, ns, CONTROL_PLANE, 1).get(0)
        .at("/metadata/name").asString();
    String worker = SimulatorFixture.awaitRunningMachines(client, ns, WORKERS, 1).get(0).at("/metadata/name").asString();

    try (KubernetesClient workload = workload(ns, "rno")) {
      stopKubelet(workload, controlPlane);
      stopKubelet(workload, worker);
      await().atMost(WAIT).untilAsserted(() -> {
        JsonNode cp = machine(ns, controlPlane);
        assertThat(condition(cp, "HealthCheckSucceeded")).isEqualTo("False");
        assertThat(condition(cp, "OwnerRemediated")).isEqualTo("False");
        JsonNode kcp = SimulatorFixture.tree(client, SimulatorFixture.get(client, CONTROL_PLANE_API,
            "KubeadmControlPlane", ns, "rno-control-plane"));
        assertThat(condition(kcp, "Remediating")).isEqualTo("True");
        assertThat(kcp.at("/status/conditions").toString()).contains("RemediationBlocked");
        JsonNode optedOut = machine(ns, worker);
        assertThat(condition(optedOut, "HealthCheckSucceeded")).isEqualTo("False");
        assertThat(condition(optedOut, "OwnerRemediated")).isNull();
      });
      // Both stay: nothing deletes them.
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
          SimulatorFixture.machines(client, ns, Map.of()).size() == 2);
      assertThat(machine(ns, controlPlane).at("/metadata/deletionTimestamp").isMissingNode()).isTrue();
    }
  }

  private static JsonNode machine(String ns, String name) {
    return SimulatorFixture.tree(client, SimulatorFixture.get(client, CLUSTER_API, "Machine", ns, name));
  }

  /** As {@code kubectl annotate} does: a merge patch, so a concurrent write to the Node (a status) is no conflict. */
  private static void stopKubelet(KubernetesClient workload, String node) {
    workload.nodes().withName(node).patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"annotations\":{\"sandbox.fulcrum.dev/kubelet\":\"stopped\"}}}");
  }

  private static KubernetesClient workload(String ns, String cluster) {
    return SimulatorFixture.clientFromKubeconfig(new String(Base64.getDecoder().decode(client.secrets()
        .inNamespace(ns).withName(cluster + "-kubeconfig").get().getData().get("value"))));
  }

  /** Health checks that judge within a second, remediating up to {@code maxUnhealthy}. */
  private static Consumer<ObjectNode> impatient(String maxUnhealthy) {
    return document -> {
      ObjectNode checks = (ObjectNode) document.at("/spec/checks");
      checks.put("nodeStartupTimeoutSeconds", 30);
      checks.path("unhealthyNodeConditions").forEach(rule -> ((ObjectNode) rule).put("timeoutSeconds", 1));
      ((ObjectNode) document.at("/spec/remediation/triggerIf")).put("unhealthyLessThanOrEqualTo", maxUnhealthy);
    };
  }
}
