package dev.fulcrum.sandbox.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulcrum.sandbox.SandboxOptions;
import dev.fulcrum.sandbox.SandboxServer;
import dev.fulcrum.sandbox.capi.CapiCrds;
import dev.fulcrum.sandbox.capi.InfraKinds;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

class ComponentsRepositoryWriteTest {
  private static final InfraKinds ACME = InfraKinds.of("infrastructure.cluster.x-k8s.io/v1beta2", "AcmeCluster",
      "AcmeMachine", "AcmeMachineTemplate", "v1beta2");
  private static final SandboxProvider PROVIDER =
      new SandboxProvider("acme", "v0.3.1", ACME, "capacme-system", "example.org/acme-manager");

  @TempDir Path root;

  private static KubernetesClient client(SandboxServer sandbox) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl(sandbox.clusterUrl(SandboxServer.MANAGEMENT)).withOauthToken("sandbox")
        .withRequestRetryBackoffLimit(0).build()).build();
  }

  private static List<JsonNode> documents(Path file) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(file.toFile())) {
      while (it.hasNextValue()) {
        documents.add(it.nextValue());
      }
    }
    return documents;
  }

  private static List<String> names(List<JsonNode> documents, String kind) {
    return documents.stream().filter(d -> d.path("kind").asString().equals(kind))
        .map(d -> d.at("/metadata/name").asString()).toList();
  }

  @Test
  void writesEachComponentInTheOverridesLayoutFromTheServedCrds() throws IOException {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults());
        KubernetesClient management = client(sandbox)) {
      CapiCrds.install(management, List.of(ACME), Optional.empty());
      assertThat(SandboxComponents.write(root, management, List.of(PROVIDER), "v1.14.0")).isEqualTo(root);

      List<JsonNode> core = documents(root.resolve("cluster-api/v1.14.0/core-components.yaml"));
      assertThat(names(core, "CustomResourceDefinition")).contains("clusters.cluster.x-k8s.io",
          "machines.cluster.x-k8s.io", "machinesets.cluster.x-k8s.io", "machinedeployments.cluster.x-k8s.io",
          "machinehealthchecks.cluster.x-k8s.io", "clusterresourcesets.addons.cluster.x-k8s.io");
      assertThat(names(core, "Namespace")).containsExactly("capi-system");
      assertThat(core.stream().filter(d -> d.path("kind").asString().equals("Deployment")))
          .singleElement().satisfies(d -> {
            assertThat(d.at("/metadata/namespace").asString()).isEqualTo("capi-system");
            assertThat(d.at("/spec/template/spec/containers/0/name").asString()).isEqualTo("manager");
            assertThat(d.at("/spec/template/spec/containers/0/image").asString())
                .isEqualTo("registry.k8s.io/cluster-api/cluster-api-controller:v1.14.0");
          });

      List<JsonNode> bootstrap = documents(root.resolve("bootstrap-kubeadm/v1.14.0/bootstrap-components.yaml"));
      assertThat(names(bootstrap, "CustomResourceDefinition")).containsExactly(
          "kubeadmconfigs.bootstrap.cluster.x-k8s.io", "kubeadmconfigtemplates.bootstrap.cluster.x-k8s.io");
      assertThat(names(bootstrap, "Namespace")).containsExactly("capi-kubeadm-bootstrap-system");

      List<JsonNode> controlPlane =
          documents(root.resolve("control-plane-kubeadm/v1.14.0/control-plane-components.yaml"));
      assertThat(names(controlPlane, "CustomResourceDefinition"))
          .containsExactly("kubeadmcontrolplanes.controlplane.cluster.x-k8s.io");
      assertThat(names(controlPlane, "Deployment")).containsExactly("capi-kubeadm-control-plane-controller-manager");

      List<JsonNode> infra = documents(root.resolve("infrastructure-acme/v0.3.1/infrastructure-components.yaml"));
      assertThat(names(infra, "CustomResourceDefinition")).containsExactly(
          "acmeclusters.infrastructure.cluster.x-k8s.io", "acmemachines.infrastructure.cluster.x-k8s.io",
          "acmemachinetemplates.infrastructure.cluster.x-k8s.io");
      assertThat(infra.stream().filter(d -> d.path("kind").asString().equals("Deployment")))
          .singleElement().satisfies(d -> assertThat(d.at("/spec/template/spec/containers/0/image").asString())
              .isEqualTo("example.org/acme-manager:v0.3.1"));

      for (List<JsonNode> file : List.of(core, bootstrap, controlPlane, infra)) {
        file.stream().filter(d -> d.path("kind").asString().equals("CustomResourceDefinition")).forEach(crd -> {
          // Release-file form: the contract labels CAPI resolves references by, no server-set fields.
          assertThat(crd.at("/metadata/labels/cluster.x-k8s.io~1v1beta2").asString()).isNotEmpty();
          assertThat(crd.has("status")).isFalse();
          assertThat(crd.at("/metadata").has("uid")).isFalse();
          assertThat(crd.at("/metadata").has("resourceVersion")).isFalse();
        });
      }
      // Deterministic: writing again gives the same bytes.
      String first = Files.readString(root.resolve("cluster-api/v1.14.0/core-components.yaml"));
      SandboxComponents.write(root, management, List.of(PROVIDER), "v1.14.0");
      assertThat(Files.readString(root.resolve("cluster-api/v1.14.0/core-components.yaml"))).isEqualTo(first);
    }
  }

  @Test
  void refusesToWriteAComponentWhoseCrdsAreNotServed() {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults());
        KubernetesClient management = client(sandbox)) {
      CapiCrds.install(management, List.of(), Optional.empty());
      assertThatThrownBy(() -> SandboxComponents.write(root, management, List.of(PROVIDER), "v1.14.0"))
          .hasMessageContaining("serves no CRDs for [infrastructure-acme]");
    }
  }
}
