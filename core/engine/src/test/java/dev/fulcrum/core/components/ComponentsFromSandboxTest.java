package dev.fulcrum.core.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.sandbox.SandboxOptions;
import dev.fulcrum.sandbox.SandboxServer;
import dev.fulcrum.sandbox.capi.CapiCrds;
import dev.fulcrum.sandbox.capi.InfraKinds;
import dev.fulcrum.sandbox.components.SandboxComponents;
import dev.fulcrum.sandbox.components.SandboxProvider;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's components repository, read by the engine and installed into a fresh cluster, as the pivot does. */
class ComponentsFromSandboxTest {
  private static final InfraKinds ACME = InfraKinds.of("infrastructure.cluster.x-k8s.io/v1beta2", "AcmeCluster",
      "AcmeMachine", "AcmeMachineTemplate", "v1beta2");

  @TempDir Path root;

  private static KubernetesClient client(SandboxServer sandbox, String cluster) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(sandbox.clusterUrl(cluster))
        .withOauthToken("sandbox").withRequestRetryBackoffLimit(0).build()).build();
  }

  @Test
  void everyKindTheMoverNeedsIsServedInTheWorkloadClusterWithTheClusterctlLabel() {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults());
        KubernetesClient management = client(sandbox, SandboxServer.MANAGEMENT)) {
      CapiCrds.install(management, List.of(ACME), Optional.empty());
      SandboxComponents.write(root, management,
          List.of(new SandboxProvider("acme", "v0.3.1", ACME, "capacme-system", "example.org/acme")), "v1.14.0");
      sandbox.createCluster("workload");
      try (KubernetesClient workload = client(sandbox, "workload")) {
        List<Component> components = List.of(Component.core("v1.14.0"), Component.kubeadmBootstrap("v1.14.0"),
            Component.kubeadmControlPlane("v1.14.0"), new Component("acme", ProviderType.INFRASTRUCTURE, "v0.3.1"));
        List<ComponentManifests> manifests = new ComponentsRepository(root).read(components, Map.of());
        ComponentsInstaller installer = new ComponentsInstaller(workload);
        installer.install(manifests);

        for (String crd : List.of("clusters.cluster.x-k8s.io", "machines.cluster.x-k8s.io",
            "machinesets.cluster.x-k8s.io", "machinedeployments.cluster.x-k8s.io",
            "machinehealthchecks.cluster.x-k8s.io", "kubeadmcontrolplanes.controlplane.cluster.x-k8s.io",
            "kubeadmconfigs.bootstrap.cluster.x-k8s.io", "kubeadmconfigtemplates.bootstrap.cluster.x-k8s.io",
            "acmeclusters.infrastructure.cluster.x-k8s.io", "acmemachines.infrastructure.cluster.x-k8s.io",
            "acmemachinetemplates.infrastructure.cluster.x-k8s.io")) {
          var labels = workload.apiextensions().v1().customResourceDefinitions().withName(crd).get()
              .getMetadata().getLabels();
          assertThat(labels).as(crd).containsKey(ComponentsRepository.CLUSTERCTL_LABEL)
              .containsKey(ComponentsRepository.PROVIDER_LABEL);
        }
        assertThat(workload.apps().deployments().inAnyNamespace().list().getItems())
            .extracting(d -> d.getMetadata().getNamespace() + "/" + d.getMetadata().getName())
            .containsExactlyInAnyOrder("capi-system/capi-controller-manager",
                "capi-kubeadm-bootstrap-system/capi-kubeadm-bootstrap-controller-manager",
                "capi-kubeadm-control-plane-system/capi-kubeadm-control-plane-controller-manager",
                "capacme-system/capacme-controller-manager");
        await().atMost(Duration.ofSeconds(10)).until(() -> installer.readiness(manifests).waitingFor().stream()
            .allMatch(line -> line.startsWith("Deployment ")));
        // The kinds are served: a Cluster can be created in the workload cluster.
        assertThat(workload.genericKubernetesResources("cluster.x-k8s.io/v1beta2", "Cluster").inNamespace("default")
            .list().getItems()).isEmpty();
      }
    }
  }
}
