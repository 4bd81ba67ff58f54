package dev.fulcrum.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The agent against a workload cluster's API without simulated controllers: the status that CAPI would write is
 * set by hand, so the agent's sequencing (wait for the Cluster, control plane before workers, stage by stage) and
 * the protocol's long poll are observed step by step.
 */
class AgentStagesTest extends AgentTestSupport {

  @Test
  void waitsWhileTheClusterIsAbsentOrPausedAndAnIdleAgentLongPolls() throws InterruptedException {
    WorkloadCluster cluster = closeLater(WorkloadCluster.empty(sandbox, "idle"));
    FakeManagementPlane server = managementPlane();
    server.publish(cluster.specs().json("1"));
    agent(server, cluster);

    await().atMost(WAIT).untilAsserted(() -> assertThat(server.lastReport().path("message").asString())
        .isEqualTo("waiting for Cluster team-a--idle/idle to be moved into this cluster"));
    ObjectNode paused = cluster.specs().object("Cluster", "idle").deepCopy();
    paused.withObjectProperty("spec").put("paused", true);
    cluster.create(paused);
    await().atMost(WAIT).untilAsserted(() -> assertThat(server.lastReport().path("message").asString())
        .isEqualTo("Cluster team-a--idle/idle is paused (a move is in progress)"));
    assertThat(server.lastReport().path("phase").asString()).isEqualTo("Waiting");
    assertThat(cluster.names(CONTROL_PLANE, "KubeadmControlPlane")).isEmpty();

    // Idle: one long poll per pollWait (2 s), not a busy loop.
    int before = server.specRequests();
    Thread.sleep(10_000);
    int polls = server.specRequests() - before;
    assertThat(polls).isBetween(4, 6);
    assertThat(server.unauthorized()).isZero();
  }

  @Test
  void appliesStagesInOrderControlPlaneBeforeWorkers() {
    WorkloadCluster cluster = closeLater(WorkloadCluster.empty(sandbox, "staged"));
    cluster.create(cluster.specs().object("Cluster", "staged"));
    FakeManagementPlane server = managementPlane();
    TestSpecs v33 = cluster.specs().poolReplicas("general", 1).kubernetesVersion("v1.33.4");
    TestSpecs v34 = cluster.specs().poolReplicas("general", 1).kubernetesVersion("v1.34.2");
    server.publish(TestSpecs.json("7-up", false, List.of(v33, v34)));
    agent(server, cluster);

    String kcp = "staged-control-plane";
    await().atMost(WAIT).untilAsserted(() -> assertThat(version(cluster, CONTROL_PLANE, "KubeadmControlPlane", kcp))
        .isEqualTo("v1.33.4"));
    assertThat(cluster.names(CORE, "MachineDeployment")).as("workers wait for the control plane").isEmpty();
    await().atMost(WAIT).untilAsserted(() -> assertThat(server.lastReport().path("phase").asString())
        .isEqualTo("Upgrading"));

    settleControlPlane(cluster, kcp, "v1.33.4");
    await().atMost(WAIT).untilAsserted(() -> assertThat(version(cluster, CORE, "MachineDeployment", "staged-general"))
        .isEqualTo("v1.33.4"));
    assertThat(version(cluster, CONTROL_PLANE, "KubeadmControlPlane", kcp)).as("stage 2 waits for the pools")
        .isEqualTo("v1.33.4");

    settlePool(cluster, "staged-general");
    await().atMost(WAIT).untilAsserted(() -> assertThat(version(cluster, CONTROL_PLANE, "KubeadmControlPlane", kcp))
        .isEqualTo("v1.34.2"));
    assertThat(version(cluster, CORE, "MachineDeployment", "staged-general")).isEqualTo("v1.33.4");
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(server.lastReport().at("/stage/index").asInt()).isEqualTo(1);
      assertThat(server.lastReport().at("/stage/kubernetesVersion").asString()).isEqualTo("v1.34.2");
      assertThat(server.lastReport().path("phase").asString()).isEqualTo("Upgrading");
    });

    settleControlPlane(cluster, kcp, "v1.34.2");
    await().atMost(WAIT).untilAsserted(() -> assertThat(version(cluster, CORE, "MachineDeployment", "staged-general"))
        .isEqualTo("v1.34.2"));
    // While the pool rolls out to the last stage's version, the first stage stays behind: nothing goes back.
    int reportsSoFar = server.reports().size();
    await().atMost(WAIT).until(() -> server.reports().size() >= reportsSoFar + 3);
    assertThat(version(cluster, CONTROL_PLANE, "KubeadmControlPlane", kcp)).isEqualTo("v1.34.2");
    settlePool(cluster, "staged-general");
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(server.lastReport().path("phase").asString()).isEqualTo("Ready");
      assertThat(server.lastReport().path("observedVersion").asString()).isEqualTo("7-up");
    });
    assertThat(AgentReconcileTest.reasons(server)).contains("StageCompleted", "Reconciled");
  }

  @Test
  void releasesTheClusterWhenTheSpecSaysDeleting() {
    WorkloadCluster cluster = closeLater(WorkloadCluster.empty(sandbox, "leaving"));
    cluster.create(cluster.specs().object("Cluster", "leaving"));
    FakeManagementPlane server = managementPlane();
    server.publish(TestSpecs.json("9", true, List.of(cluster.specs())));
    agent(server, cluster);

    await().atMost(WAIT).untilAsserted(() -> assertThat(server.lastReport().path("phase").asString())
        .isEqualTo("Released"));
    assertThat(cluster.names(CONTROL_PLANE, "KubeadmControlPlane")).isEmpty();
  }

  private static String version(WorkloadCluster cluster, String apiVersion, String kind, String name) {
    return cluster.get(apiVersion, kind, name).map(o -> o.at("/spec/version").isMissingNode()
        ? o.at("/spec/template/spec/version").asString() : o.at("/spec/version").asString()).orElse("");
  }

  /** What KCP writes once every control-plane machine runs {@code version}. */
  private static void settleControlPlane(WorkloadCluster cluster, String name, String version) {
    JsonNode kcp = cluster.get(CONTROL_PLANE, "KubeadmControlPlane", name).orElseThrow();
    int replicas = kcp.at("/spec/replicas").asInt();
    patchStatus(cluster, CONTROL_PLANE, "KubeadmControlPlane", name, "{\"status\":{\"replicas\":" + replicas
        + ",\"readyReplicas\":" + replicas + ",\"upToDateReplicas\":" + replicas + ",\"version\":\"" + version
        + "\",\"observedGeneration\":" + kcp.at("/metadata/generation").asLong() + "}}");
  }

  /** What the MachineDeployment controller writes once the pool is rolled out. */
  private static void settlePool(WorkloadCluster cluster, String name) {
    JsonNode md = cluster.get(CORE, "MachineDeployment", name).orElseThrow();
    int replicas = md.at("/spec/replicas").asInt();
    patchStatus(cluster, CORE, "MachineDeployment", name, "{\"status\":{\"replicas\":" + replicas
        + ",\"readyReplicas\":" + replicas + ",\"upToDateReplicas\":" + replicas + ",\"observedGeneration\":"
        + md.at("/metadata/generation").asLong() + "}}");
  }

  private static void patchStatus(WorkloadCluster cluster, String apiVersion, String kind, String name,
      String patch) {
    cluster.client().genericKubernetesResources(apiVersion, kind).inNamespace(cluster.namespace()).withName(name)
        .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), patch);
  }

}
