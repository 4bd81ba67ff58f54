package dev.fulcrum.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.engine.Engine;
import dev.fulcrum.core.engine.EngineOptions;
import dev.fulcrum.core.engine.ManagementCluster;
import dev.fulcrum.core.engine.TestRequests;
import dev.fulcrum.core.render.RegistryOf;
import dev.fulcrum.core.render.TestProvider;
import dev.fulcrum.core.yaml.Mappers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The agents' endpoints: per-cluster tokens, the long-polled spec, reports into the cluster's status. */
class AgentApiTest {
  private static final String CLUSTERS = "/api/v1/projects/team-a/clusters";
  private static final String SPEC = "/api/v1/agent/spec";

  @TempDir static Path dataDir;

  private static ManagementCluster management;
  private static Engine engine;
  private static ApiServer server;
  private static Api admin;

  @BeforeAll
  static void start() {
    management = ManagementCluster.start();
    engine =
        Engine.create(
            management.client(), new RegistryOf(new TestProvider()),
            EngineOptions.defaults().withPollInterval(Duration.ofMillis(200)), Clock.systemUTC());
    engine.start();
    AdminToken token = AdminToken.createOrRead(dataDir);
    server = ApiServer.start(new ApiServer.Config("127.0.0.1", 0, engine, List.of(), token, Optional.empty()));
    admin = new Api(server.url(), token.value());
  }

  @AfterAll
  static void stop() {
    server.close();
    engine.close();
    management.close();
  }

  @Test
  void anAgentSeesOnlyItsOwnClusterAndOnlyWithItsOwnToken() {
    Api alpha = agentOf("alpha");
    Api beta = agentOf("beta");

    assertThat(json(alpha.get(SPEC)).path("cluster").asString()).isEqualTo("team-a/alpha");
    assertThat(json(beta.get(SPEC)).path("cluster").asString()).isEqualTo("team-a/beta");
    assertThat(admin.get(SPEC).statusCode()).isEqualTo(401);
    String alphaToken = engine.agentCredentials().tokenFor(stored("alpha")).reveal();
    String forged = alphaToken.substring(0, alphaToken.lastIndexOf('.') + 1) + "AAAA";
    assertThat(admin.withToken(forged).get(SPEC).statusCode()).isEqualTo(401);
    assertThat(admin.withToken(alphaToken.replace("alpha", "beta")).get(SPEC).statusCode()).isEqualTo(401);
    // An agent token is no administrator's token.
    assertThat(alpha.get(CLUSTERS).statusCode()).isEqualTo(401);
    assertThat(alpha.get(SPEC).body()).doesNotContain(alphaToken);
  }

  @Test
  void theSpecIsLongPolledAndAnsweredAsSoonAsItChanges() throws Exception {
    Api agent = agentOf("poll");
    JsonNode first = json(agent.get(SPEC));
    String version = first.path("version").asString();
    assertThat(first.at("/stages/0/kubernetesVersion").asString()).isEqualTo("v1.33.4");
    assertThat(first.at("/stages/0/objects").toString()).contains("KubeadmControlPlane", "MachineDeployment");

    // Nothing changes: the server answers 304 once the wait is over.
    assertThat(agent.get(SPEC + "?after=" + version + "&waitSeconds=1").statusCode()).isEqualTo(304);

    // A change while an agent waits answers that agent (long before its 50 s are up).
    CompletableFuture<HttpResponse<String>> waiting =
        CompletableFuture.supplyAsync(() -> agent.get(SPEC + "?after=" + version + "&waitSeconds=50"));
    Thread.sleep(500);
    assertThat(admin.put(CLUSTERS + "/poll", "application/yaml", TestRequests.yaml("poll").replace("replicas: 2", "replicas: 4")).statusCode())
        .isEqualTo(200);
    HttpResponse<String> changed = waiting.get(45, TimeUnit.SECONDS);
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(json(changed).path("version").asString()).isNotEqualTo(version);
  }

  @Test
  void aReportBecomesTheClustersAgentStatusAndItsRunningVersion() {
    Api agent = agentOf("report");
    String report =
        """
        {"observedVersion": "1-abc", "phase": "Ready", "message": "all machines running",
         "controlPlane": {"replicas": 3, "readyReplicas": 3, "upToDateReplicas": 3, "version": "v1.33.4"},
         "workerPools": [{"name": "general", "replicas": 2, "readyReplicas": 2, "upToDateReplicas": 2, "version": "v1.33.4"}],
         "machines": {"total": 5, "running": 5}, "nodes": {"total": 5, "ready": 5},
         "events": [{"time": "2026-11-26T01:00:00Z", "reason": "MachineRemediated", "message": "while you were away"}]}
        """;

    assertThat(agent.post("/api/v1/agent/status", "application/json", report).statusCode()).isEqualTo(204);

    JsonNode status = stored("report").path("status");
    assertThat(status.at("/agent/phase").asString()).isEqualTo("Ready");
    assertThat(status.at("/agent/machines/running").asInt()).isEqualTo(5);
    assertThat(status.path("kubernetesVersion").asString()).isEqualTo("v1.33.4");
    // Each event comes once; the next report (without it) does not wipe it out.
    assertThat(agent.post("/api/v1/agent/status", "application/json", "{\"observedVersion\": \"1-abc\", \"phase\": \"Ready\"}")
        .statusCode()).isEqualTo(204);
    assertThat(stored("report").at("/status/agent/events/0/reason").asString()).isEqualTo("MachineRemediated");
    assertThat(agent.post("/api/v1/agent/status", "application/json", "[1]").statusCode()).isEqualTo(400);
  }

  private static Api agentOf(String name) {
    HttpResponse<String> created = admin.post(CLUSTERS, "application/yaml", TestRequests.yaml(name));
    assertThat(created.statusCode()).isEqualTo(201);
    return admin.withToken(engine.agentCredentials().tokenFor(stored(name)).reveal());
  }

  private static JsonNode stored(String name) {
    return engine.clusters().get(new ClusterRef("team-a", name)).orElseThrow();
  }

  private static JsonNode json(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Mappers.json().readTree(response.body());
  }
}
