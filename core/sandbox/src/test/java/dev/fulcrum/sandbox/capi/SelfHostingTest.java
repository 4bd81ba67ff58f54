package dev.fulcrum.sandbox.capi;

import static dev.fulcrum.sandbox.capi.SimulatorFixture.CLUSTER_API;
import static dev.fulcrum.sandbox.capi.SimulatorFixture.CONTROL_PLANE_API;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.sandbox.SandboxOptions;
import dev.fulcrum.sandbox.SandboxServer;
import dev.fulcrum.sandbox.kubelet.DeploymentRuntime;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * After a pivot the workload cluster runs its own Cluster API: CAPI's CRDs and controller Deployment are installed
 * into its API, the objects are moved there the way clusterctl does, and the simulator started by the controller
 * image inside that API continues the cluster without re-creating anything, while the management cluster's
 * simulator leaves the moved objects (and the cluster's API) alone.
 */
class SelfHostingTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Map<String, String> CONTROL_PLANE = Map.of("cluster.x-k8s.io/control-plane", "");
  private static final List<String> CLUSTER_CONDITIONS = List.of("InfrastructureReady", "ControlPlaneInitialized",
      "ControlPlaneAvailable", "WorkersAvailable", "ControlPlaneMachinesReady", "RemoteConnectionProbe", "Available",
      "Paused");

  private static SandboxServer server;
  private static KubernetesClient management;
  private static CapiSimulator simulator;
  private static DeploymentRuntime runtime;

  @BeforeAll
  static void start() {
    server = SandboxServer.start(SandboxOptions.defaults());
    management = SimulatorFixture.client(server, SandboxServer.MANAGEMENT);
    CapiCrds.install(management, List.of(SimulatorFixture.DEV), Optional.of(SimulatorFixture.sharedCrds()));
    SimulatorOptions options = SimulatorOptions.of(WorkloadApis.of(server), SimulatorFixture.DEV)
        .withDelays(Delays.none()).withResync(Duration.ofSeconds(5));
    simulator = CapiSimulator.start(management, options);
    runtime = DeploymentRuntime.start(server, List.of(new CapiControllerImage(options)));
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
    if (simulator != null) {
      simulator.close();
    }
    if (management != null) {
      management.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void movedClusterContinuesInItsOwnApiWithoutReinitializingAndScalesThere() {
    String ns = SimulatorFixture.apply(management, "dev-1-initial.yaml", "self");
    List<JsonNode> before = SimulatorFixture.awaitRunningMachines(management, ns, CONTROL_PLANE, 1);
    await().atMost(WAIT).until(() -> "True".equals(SimulatorFixture.condition(object(management, CLUSTER_API,
        "Cluster", ns, "self"), "Available")));
    Map<String, String> conditionsBefore = conditions(object(management, CLUSTER_API, "Cluster", ns, "self"));
    Map<String, String> kubeconfigBefore = management.secrets().inNamespace(ns).withName("self-kubeconfig").get()
        .getData();
    String machineName = before.get(0).at("/metadata/name").asString();

    try (KubernetesClient workload = SimulatorFixture.client(server, ns)) {
      // Something that lives in the workload cluster's API: it must survive the move (the API is not re-created).
      workload.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
          .withName("user-data").endMetadata().addToData("keep", "me").build()).create();
      installClusterApi(workload);

      TestMover.move(management, workload, ns, "self");

      // The source keeps nothing and tears nothing down.
      assertThat(SimulatorFixture.list(management, CLUSTER_API, "Machine", ns, Map.of())).isEmpty();
      assertThat(SimulatorFixture.get(management, CLUSTER_API, "Cluster", ns, "self")).isNull();
      assertThat(server.clusters()).contains(ns);

      // The target rebuilds status from what exists.
      List<JsonNode> after = SimulatorFixture.awaitRunningMachines(workload, ns, CONTROL_PLANE, 1);
      assertThat(after.get(0).at("/metadata/name").asString()).isEqualTo(machineName);
      await().atMost(WAIT).untilAsserted(() -> {
        JsonNode kcp = object(workload, CONTROL_PLANE_API, "KubeadmControlPlane", ns, "self-control-plane");
        assertThat(kcp.at("/status/initialization/controlPlaneInitialized").asBoolean()).isTrue();
        assertThat(kcp.at("/status/readyReplicas").asInt()).isEqualTo(1);
        assertThat(conditions(object(workload, CLUSTER_API, "Cluster", ns, "self"))).isEqualTo(conditionsBefore);
      });
      assertThat(SimulatorFixture.machines(workload, ns, Map.of())).hasSize(1);
      assertThat(workload.secrets().inNamespace(ns).withName("self-kubeconfig").get().getData())
          .isEqualTo(kubeconfigBefore);
      assertThat(workload.configMaps().inNamespace("default").withName("user-data").get()).isNotNull();
      assertThat(workload.nodes().list().getItems()).extracting(n -> n.getMetadata().getName())
          .containsExactly(machineName);
      // The management cluster's simulator did not delete the moved machine's node or the cluster's API.
      assertThat(server.clusters()).contains(ns);

      // Day 2 in the cluster's own API: control plane 1 -> 3, a worker pool of 2.
      SimulatorFixture.mergePatch(workload, CONTROL_PLANE_API, "KubeadmControlPlane", ns, "self-control-plane",
          "{\"spec\":{\"replicas\":3}}");
      SimulatorFixture.apply(workload, "dev-1-workers.yaml", "self");
      SimulatorFixture.awaitRunningMachines(workload, ns, CONTROL_PLANE, 3);
      SimulatorFixture.awaitRunningMachines(workload, ns, Map.of("fulcrum.dev/pool", "general"), 2);
      assertThat(SimulatorFixture.list(workload, CLUSTER_API, "MachineSet", ns, Map.of())).hasSize(1);
      assertThat(workload.nodes().list().getItems()).hasSize(5);
      assertThat(SimulatorFixture.list(management, CLUSTER_API, "Machine", ns, Map.of())).isEmpty();
    }
  }

  /** What Fulcrum installs before a move: the CRDs and the controller Deployments (only core's image is played). */
  private static void installClusterApi(KubernetesClient workload) {
    CapiCrds.install(workload, List.of(SimulatorFixture.DEV), Optional.of(SimulatorFixture.sharedCrds()));
    workload.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("capi-system").endMetadata()
        .build()).create();
    Map<String, String> images = new TreeMap<>(Map.of(
        "capi-controller-manager", "registry.k8s.io/cluster-api/cluster-api-controller:v1.14.0",
        "capi-kubeadm-bootstrap-controller-manager",
        "registry.k8s.io/cluster-api/kubeadm-bootstrap-controller:v1.14.0",
        "capi-kubeadm-control-plane-controller-manager",
        "registry.k8s.io/cluster-api/kubeadm-control-plane-controller:v1.14.0",
        "capd-controller-manager", "gcr.io/k8s-staging-cluster-api/capd-manager:v1.14.0"));
    images.forEach((name, image) -> workload.apps().deployments().inNamespace("capi-system").resource(
        new DeploymentBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().withReplicas(1)
            .withNewSelector().addToMatchLabels("app", name).endSelector().withNewTemplate().withNewMetadata()
            .addToLabels("app", name).endMetadata().withNewSpec().addNewContainer().withName("manager")
            .withImage(image).endContainer().endSpec().endTemplate().endSpec().build()).create());
    await().atMost(WAIT).untilAsserted(() -> assertThat(workload.apps().deployments().inNamespace("capi-system")
        .list().getItems()).hasSize(4).allSatisfy(d -> assertThat(d.getStatus()).isNotNull()
            .satisfies(s -> assertThat(s.getAvailableReplicas()).isEqualTo(1))));
  }


  private static JsonNode object(KubernetesClient client, String apiVersion, String kind, String ns, String name) {
    GenericKubernetesResource resource = SimulatorFixture.get(client, apiVersion, kind, ns, name);
    assertThat(resource).as("%s %s/%s", kind, ns, name).isNotNull();
    return SimulatorFixture.tree(client, resource);
  }

  private static Map<String, String> conditions(JsonNode cluster) {
    return CLUSTER_CONDITIONS.stream().collect(Collectors.toMap(type -> type,
        type -> String.valueOf(SimulatorFixture.condition(cluster, type)), (a, b) -> a, TreeMap::new));
  }
}
