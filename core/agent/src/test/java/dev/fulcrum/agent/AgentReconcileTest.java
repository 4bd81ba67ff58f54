package dev.fulcrum.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.sandbox.capi.FailureInjection;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The agent in a pivoted workload cluster (sandbox API + simulated CAPI controllers), driven through the real
 * protocol by a fake management plane: scale out after the pivot, and day-2 pool changes.
 */
class AgentReconcileTest extends AgentTestSupport {

  @Test
  void scalesOutToThreeControlPlaneMachinesAndTwoWorkersAndReportsReady() {
    WorkloadCluster cluster = closeLater(WorkloadCluster.pivoted(sandbox, "scale-out", FailureInjection.none()));
    FakeManagementPlane server = managementPlane();
    server.publish(cluster.specs().controlPlaneReplicas(3).json("1-aaa"));

    agent(server, cluster);

    await().atMost(WAIT).untilAsserted(() -> {
      JsonNode report = server.lastReport();
      assertThat(report.path("phase").asString()).as(report.toString()).isEqualTo("Ready");
      assertThat(report.path("observedVersion").asString()).isEqualTo("1-aaa");
      assertThat(report.at("/machines/total").asInt()).isEqualTo(5);
      assertThat(report.at("/machines/running").asInt()).isEqualTo(5);
      assertThat(report.at("/nodes/total").asInt()).isEqualTo(5);
      assertThat(report.at("/nodes/ready").asInt()).isEqualTo(5);
    });
    JsonNode report = server.lastReport();
    assertThat(report.at("/controlPlane/replicas").asInt()).isEqualTo(3);
    assertThat(report.at("/controlPlane/readyReplicas").asInt()).isEqualTo(3);
    assertThat(report.at("/controlPlane/version").asString()).isEqualTo("v1.33.4");
    assertThat(report.at("/workerPools/0/name").asString()).isEqualTo("general");
    assertThat(report.at("/workerPools/0/readyReplicas").asInt()).isEqualTo(2);
    assertThat(report.at("/workerPools/0/version").asString()).isEqualTo("v1.33.4");
    assertThat(report.at("/stage/index").asInt()).isZero();
    assertThat(report.at("/stage/count").asInt()).isEqualTo(1);
    assertThat(cluster.client().nodes().list().getItems()).hasSize(5);
    assertThat(server.events()).extracting(e -> e.path("reason").asString())
        .contains("AgentStarted", "Reconciled");

    ObjectNode kcp = cluster.get(CONTROL_PLANE, "KubeadmControlPlane", "scale-out-control-plane").orElseThrow();
    assertThat(kcp.at("/spec/replicas").asInt()).isEqualTo(3);
    JsonNode labels = kcp.at("/metadata/labels");
    assertThat(labels.path("fulcrum.dev/cluster").asString()).isEqualTo("scale-out");
    assertThat(labels.path("fulcrum.dev/project").asString()).isEqualTo("team-a");
    assertThat(labels.path("app.kubernetes.io/managed-by").asString()).isEqualTo("fulcrum");
    assertThat(kcp.at("/metadata/managedFields").toString()).contains("fulcrum-agent");
    assertThat(cluster.get(CORE, "Cluster", "scale-out").orElseThrow().at("/spec/paused").asBoolean(false))
        .isFalse();

    ConfigMap cache = cluster.client().configMaps().inNamespace("fulcrum-system").withName("fulcrum-desired-spec")
        .get();
    assertThat(cache.getData()).containsEntry("version", "1-aaa");
    assertThat(DesiredSpec.parse(cache.getData().get("spec.json")).version()).isEqualTo("1-aaa");
  }

  @Test
  void scalesDownRemovesAndAddsPoolsAndPrunesOnlyWhatItOwns() {
    WorkloadCluster cluster = closeLater(WorkloadCluster.pivoted(sandbox, "pools", FailureInjection.none()));
    // A template someone else created in the namespace: never the agent's to delete.
    ObjectNode foreign = cluster.specs().object("KubeadmConfigTemplate", "pools-general-a193a4dd6f").deepCopy();
    foreign.withObjectProperty("metadata").put("name", "hand-made");
    ((ObjectNode) foreign.at("/metadata/labels")).remove("app.kubernetes.io/managed-by");
    cluster.create(foreign);
    FakeManagementPlane server = managementPlane();
    server.publish(cluster.specs().addPool("batch", 1).json("1"));
    agent(server, cluster);
    awaitReady(server, "1", 4);
    String generalUid = uid(cluster, CORE, "MachineDeployment", "pools-general");
    String kcpUid = uid(cluster, CONTROL_PLANE, "KubeadmControlPlane", "pools-control-plane");

    server.publish(cluster.specs().addPool("batch", 1).poolReplicas("general", 1).json("2"));
    awaitReady(server, "2", 3);
    assertThat(cluster.list(CORE, "Machine", Map.of("fulcrum.dev/pool", "general"))).hasSize(1);

    server.publish(cluster.specs().poolReplicas("general", 1).addPool("gpu", 2).json("3"));
    awaitReady(server, "3", 4);
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(cluster.names(CORE, "MachineDeployment")).containsExactly("pools-general", "pools-gpu");
      assertThat(cluster.names(CORE, "MachineHealthCheck"))
          .containsExactly("pools-control-plane", "pools-general", "pools-gpu");
      assertThat(cluster.names(BOOTSTRAP, "KubeadmConfigTemplate"))
          .containsExactly("hand-made", "pools-general-a193a4dd6f", "pools-gpu-a193a4dd6f");
      assertThat(cluster.names(INFRA, "DevMachineTemplate")).containsExactly("pools-control-plane-2fb4a9bf25",
          "pools-general-2fb4a9bf25", "pools-gpu-2fb4a9bf25");
      assertThat(cluster.list(CORE, "Machine", Map.of("fulcrum.dev/pool", "batch"))).isEmpty();
    });
    assertThat(uid(cluster, CORE, "MachineDeployment", "pools-general")).isEqualTo(generalUid);
    assertThat(uid(cluster, CONTROL_PLANE, "KubeadmControlPlane", "pools-control-plane")).isEqualTo(kcpUid);
    assertThat(cluster.names(CORE, "Cluster")).containsExactly("pools");
    assertThat(cluster.names(INFRA, "DevCluster")).containsExactly("pools");
    assertThat(server.lastReport().path("workerPools").findValuesAsString("name"))
        .containsExactly("general", "gpu");
  }

  static void awaitReady(FakeManagementPlane server, String version, int machines) {
    await().atMost(WAIT).untilAsserted(() -> {
      JsonNode report = server.lastReport();
      assertThat(report.path("observedVersion").asString()).as(report.toString()).isEqualTo(version);
      assertThat(report.path("phase").asString()).as(report.toString()).isEqualTo("Ready");
      assertThat(report.at("/machines/running").asInt()).isEqualTo(machines);
      assertThat(report.at("/machines/total").asInt()).isEqualTo(machines);
    });
  }

  private static String uid(WorkloadCluster cluster, String apiVersion, String kind, String name) {
    return cluster.get(apiVersion, kind, name).orElseThrow().at("/metadata/uid").asString();
  }

  static List<String> reasons(FakeManagementPlane server) {
    return server.events().stream().map(e -> e.path("reason").asString()).toList();
  }
}
