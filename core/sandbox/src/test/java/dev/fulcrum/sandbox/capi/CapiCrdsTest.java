package dev.fulcrum.sandbox.capi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.sandbox.SandboxOptions;
import dev.fulcrum.sandbox.SandboxServer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both ways of installing the CRDs, and the simulator refusing to start without them. */
class CapiCrdsTest {

  private static SandboxServer server;

  @BeforeAll
  static void startSandbox() {
    server = SandboxServer.start(SandboxOptions.defaults());
  }

  @AfterAll
  static void stopSandbox() {
    server.close();
  }

  @Test
  void upstreamCrdsGetTheLabelsReleaseManifestsCarry() {
    try (KubernetesClient client = clientForNewCluster("upstream")) {
      CapiCrds.Installed installed = CapiCrds.install(client, List.of(SimulatorFixture.DEV),
          Optional.of(SimulatorFixture.sharedCrds()));

      assertThat(installed.mode()).isEqualTo(CapiCrds.Mode.UPSTREAM);
      assertThat(installed.crdNames()).contains("clusters.cluster.x-k8s.io", "kubeadmcontrolplanes."
          + "controlplane.cluster.x-k8s.io", "devclusters.infrastructure.cluster.x-k8s.io",
          "devmachinetemplates.infrastructure.cluster.x-k8s.io")
          // Only the given provider's kinds: not the other providers' CRDs in the same directory.
          .doesNotContain("dockerclusters.infrastructure.cluster.x-k8s.io",
              "vsphereclusters.infrastructure.cluster.x-k8s.io", "awsclusters.infrastructure.cluster.x-k8s.io");
      assertThat(labels(client, "clusters.cluster.x-k8s.io")).containsEntry("cluster.x-k8s.io/v1beta2", "v1beta2")
          .containsEntry("cluster.x-k8s.io/v1beta1", "v1beta1").containsEntry("clusterctl.cluster.x-k8s.io", "");
      assertThat(labels(client, "devmachines.infrastructure.cluster.x-k8s.io"))
          .containsEntry("cluster.x-k8s.io/v1beta2", "v1beta2").containsEntry("cluster.x-k8s.io/v1beta1", "v1beta1")
          .containsEntry("clusterctl.cluster.x-k8s.io", "");
      // The upstream schema itself is installed: it knows the DevCluster's fields.
      CustomResourceDefinition devCluster = client.apiextensions().v1().customResourceDefinitions()
          .withName("devclusters.infrastructure.cluster.x-k8s.io").get();
      assertThat(storage(devCluster).getSchema().getOpenAPIV3Schema().getProperties().get("spec").getProperties())
          .containsKeys("backend", "controlPlaneEndpoint");
    }
  }

  @Test
  void contractLabelsFollowEachProvidersContract() {
    InfraKinds awsLike = new InfraKinds("infrastructure.cluster.x-k8s.io", "v1beta2", "AWSCluster", "AWSMachine",
        "AWSMachineTemplate", InfraKinds.Contract.V1BETA1);
    InfraKinds azureLike = new InfraKinds("infrastructure.cluster.x-k8s.io", "v1beta1", "AzureCluster",
        "AzureMachine", "AzureMachineTemplate", InfraKinds.Contract.V1BETA1);
    try (KubernetesClient client = clientForNewCluster("contracts")) {
      CapiCrds.install(client, List.of(awsLike, azureLike), Optional.of(SimulatorFixture.sharedCrds()));

      // Values as SOURCES.md records them for CAPA and CAPZ release manifests.
      assertThat(labels(client, "awsmachinetemplates.infrastructure.cluster.x-k8s.io"))
          .containsEntry("cluster.x-k8s.io/v1beta1", "v1beta1_v1beta2").doesNotContainKey("cluster.x-k8s.io/v1beta2");
      assertThat(labels(client, "awsclusterstaticidentities.infrastructure.cluster.x-k8s.io"))
          .containsEntry("clusterctl.cluster.x-k8s.io", "");
      assertThat(labels(client, "azureclusters.infrastructure.cluster.x-k8s.io"))
          .containsEntry("cluster.x-k8s.io/v1beta1", "v1beta1");
    }
  }

  @Test
  void withoutADirectoryFulcrumsMinimalCrdsAreInstalledAndTheSimulatorRunsOnThem() {
    try (KubernetesClient client = clientForNewCluster("minimal")) {
      CapiCrds.Installed installed = CapiCrds.install(client, List.of(SimulatorFixture.DEV), Optional.empty());

      assertThat(installed.mode()).isEqualTo(CapiCrds.Mode.MINIMAL);
      assertThat(installed.crdNames()).containsExactly(
          "clusterresourcesetbindings.addons.cluster.x-k8s.io", "clusterresourcesets.addons.cluster.x-k8s.io",
          "clusters.cluster.x-k8s.io", "devclusters.infrastructure.cluster.x-k8s.io",
          "devmachines.infrastructure.cluster.x-k8s.io", "devmachinetemplates.infrastructure.cluster.x-k8s.io",
          "kubeadmconfigs.bootstrap.cluster.x-k8s.io", "kubeadmconfigtemplates.bootstrap.cluster.x-k8s.io",
          "kubeadmcontrolplanes.controlplane.cluster.x-k8s.io", "machinedeployments.cluster.x-k8s.io",
          "machinehealthchecks.cluster.x-k8s.io", "machines.cluster.x-k8s.io", "machinesets.cluster.x-k8s.io");
      CustomResourceDefinition kcp = client.apiextensions().v1().customResourceDefinitions()
          .withName("kubeadmcontrolplanes.controlplane.cluster.x-k8s.io").get();
      assertThat(kcp.getSpec().getNames().getShortNames()).containsExactly("kcp");
      assertThat(kcp.getMetadata().getLabels()).containsEntry("cluster.x-k8s.io/v1beta2", "v1beta2")
          .containsEntry("clusterctl.cluster.x-k8s.io", "");
      CustomResourceDefinitionVersion version = storage(kcp);
      assertThat(version.getName()).isEqualTo("v1beta2");
      assertThat(version.getSubresources().getScale().getSpecReplicasPath()).isEqualTo(".spec.replicas");
      assertThat(version.getSchema().getOpenAPIV3Schema().getXKubernetesPreserveUnknownFields()).isTrue();

      try (CapiSimulator simulator = CapiSimulator.start(client, SimulatorOptions.of(WorkloadApis.of(server),
          SimulatorFixture.DEV).withDelays(Delays.none()))) {
        String ns = SimulatorFixture.apply(client, "dev-1-initial.yaml", "minimal");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
          var cluster = SimulatorFixture.tree(client, SimulatorFixture.get(client, SimulatorFixture.CLUSTER_API,
              "Cluster", ns, "minimal"));
          assertThat(SimulatorFixture.condition(cluster, "ControlPlaneInitialized")).isEqualTo("True");
        });
      }
    }
  }

  @Test
  void installingTwiceChangesNothing() {
    try (KubernetesClient client = clientForNewCluster("twice")) {
      CapiCrds.install(client, List.of(SimulatorFixture.DEV), Optional.empty());
      String before = client.apiextensions().v1().customResourceDefinitions().withName("clusters.cluster.x-k8s.io")
          .get().getMetadata().getResourceVersion();
      CapiCrds.install(client, List.of(SimulatorFixture.DEV), Optional.empty());
      assertThat(client.apiextensions().v1().customResourceDefinitions().withName("clusters.cluster.x-k8s.io")
          .get().getMetadata().getResourceVersion()).isEqualTo(before);
    }
  }

  @Test
  void aDirectoryLackingNeededCrdsIsRefusedNamingThem(@TempDir Path dir) throws IOException {
    Files.copy(SimulatorFixture.sharedCrds().resolve("cluster-api").resolve("cluster.x-k8s.io_clusters.yaml"),
        dir.resolve("clusters.yaml"));
    try (KubernetesClient client = clientForNewCluster("lacking")) {
      assertThatThrownBy(() -> CapiCrds.install(client, List.of(SimulatorFixture.DEV), Optional.of(dir)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("machines.cluster.x-k8s.io")
          .hasMessageContaining("devmachinetemplates.infrastructure.cluster.x-k8s.io")
          .hasMessageNotContaining("clusters.cluster.x-k8s.io,");
      assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems()).isEmpty();
    }
  }

  @Test
  void simulatorRefusesToStartWithoutItsCrds() {
    try (KubernetesClient client = clientForNewCluster("nocrds")) {
      assertThatThrownBy(() -> CapiSimulator.start(client, SimulatorOptions.of(WorkloadApis.of(server),
          SimulatorFixture.DEV)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("clusters.cluster.x-k8s.io")
          .hasMessageContaining("devmachines.infrastructure.cluster.x-k8s.io")
          .hasMessageContaining("CapiCrds.install");
    }
  }

  private static KubernetesClient clientForNewCluster(String name) {
    server.createCluster(name);
    return SimulatorFixture.client(server, name);
  }

  private static Map<String, String> labels(KubernetesClient client, String crd) {
    return client.apiextensions().v1().customResourceDefinitions().withName(crd).get().getMetadata().getLabels();
  }

  private static CustomResourceDefinitionVersion storage(CustomResourceDefinition crd) {
    return crd.getSpec().getVersions().stream().filter(CustomResourceDefinitionVersion::getStorage).findFirst()
        .orElseThrow();
  }
}
