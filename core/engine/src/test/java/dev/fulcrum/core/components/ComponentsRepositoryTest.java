package dev.fulcrum.core.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulcrum.spi.CredentialPolicy;
import dev.fulcrum.spi.ProviderComponent;
import dev.fulcrum.spi.ProviderDescriptor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class ComponentsRepositoryTest {
  private static final Component INFRA = new Component("acme", ProviderType.INFRASTRUCTURE, "v0.3.1");

  @TempDir Path root;

  private Path write(Component component, String yaml) throws IOException {
    Path file = root.resolve(component.relativePath());
    Files.createDirectories(file.getParent());
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void layoutFollowsClusterctlOverrides() {
    ComponentsRepository repository = new ComponentsRepository(root);
    assertThat(repository.file(Component.core("v1.14.0")))
        .isEqualTo(root.resolve("cluster-api/v1.14.0/core-components.yaml"));
    assertThat(repository.file(Component.kubeadmBootstrap("v1.14.0")))
        .isEqualTo(root.resolve("bootstrap-kubeadm/v1.14.0/bootstrap-components.yaml"));
    assertThat(repository.file(Component.kubeadmControlPlane("v1.14.0")))
        .isEqualTo(root.resolve("control-plane-kubeadm/v1.14.0/control-plane-components.yaml"));
    assertThat(repository.file(INFRA)).isEqualTo(root.resolve("infrastructure-acme/v0.3.1/infrastructure-components.yaml"));
  }

  @Test
  void clusterNeedsCapiKubeadmAndTheProvidersComponents() {
    ProviderDescriptor provider =
        new ProviderDescriptor("acme", "Acme", "infrastructure.cluster.x-k8s.io/v1beta2", "AcmeCluster",
            "AcmeMachine", "AcmeMachineTemplate", "v1beta2",
            List.of(new ProviderComponent("acme", "InfrastructureProvider", "v0.3.1")), CredentialPolicy.none(),
            "{}", "{}");
    assertThat(ComponentVersions.DEFAULT.forProvider(provider))
        .extracting(Component::label, Component::version)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("cluster-api", "v1.14.0"),
            org.assertj.core.groups.Tuple.tuple("bootstrap-kubeadm", "v1.14.0"),
            org.assertj.core.groups.Tuple.tuple("control-plane-kubeadm", "v1.14.0"),
            org.assertj.core.groups.Tuple.tuple("infrastructure-acme", "v0.3.1"));
  }

  @Test
  void unknownTypeOrUnsafeVersionInADescriptorIsRefusedWithItsIndex() {
    ProviderDescriptor provider =
        new ProviderDescriptor("acme", "Acme", "infrastructure.cluster.x-k8s.io/v1beta2", "AcmeCluster",
            "AcmeMachine", "AcmeMachineTemplate", "v1beta2",
            List.of(new ProviderComponent("acme", "Infrastructure", "v0.3.1"),
                new ProviderComponent("acme", "InfrastructureProvider", "../../etc")),
            CredentialPolicy.none(), "{}", "{}");
    assertThatThrownBy(() -> ComponentVersions.DEFAULT.forProvider(provider))
        .hasMessageContaining("components[0]: provider type \"Infrastructure\"")
        .hasMessageContaining("components[1]: component acme: version \"../../etc\" is not a semantic version");
  }

  @Test
  void substitutesVariablesAndDefaultsAndLabelsEveryObject() throws IOException {
    write(INFRA, """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: acme-system
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: acmeclusters.infrastructure.cluster.x-k8s.io
          labels:
            cluster.x-k8s.io/v1beta2: v1beta2
        ---
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: acme-controller-manager
          namespace: acme-system
        spec:
          template:
            spec:
              containers:
              - name: manager
                image: ${ ACME_IMAGE }
                args: ["--region=${ACME_REGION:=eu-1}", "--zone=${ACME_ZONE:-z1}", "--literal=$${NOT_A_VAR}"]
        """);
    ComponentManifests read =
        new ComponentsRepository(root).read(INFRA, Map.of("ACME_IMAGE", "registry.local/acme:v0.3.1", "ACME_ZONE", "z9"));

    assertThat(read.objects()).extracting(o -> o.path("kind").asString())
        .containsExactly("Namespace", "CustomResourceDefinition", "Deployment");
    ObjectNode deployment = read.objects().get(2);
    assertThat(deployment.at("/spec/template/spec/containers/0/image").asString()).isEqualTo("registry.local/acme:v0.3.1");
    assertThat(deployment.at("/spec/template/spec/containers/0/args").toString())
        .isEqualTo("[\"--region=eu-1\",\"--zone=z9\",\"--literal=${NOT_A_VAR}\"]");
    for (ObjectNode object : read.objects()) {
      assertThat(object.at("/metadata/labels/cluster.x-k8s.io~1provider").asString()).isEqualTo("infrastructure-acme");
      assertThat(object.at("/metadata/labels/clusterctl.cluster.x-k8s.io").isString()).isTrue();
    }
    assertThat(read.objects().get(1).at("/metadata/labels/cluster.x-k8s.io~1v1beta2").asString()).isEqualTo("v1beta2");
  }

  @Test
  void everyMissingVariableIsNamedWithTheFile() throws IOException {
    Path file = write(INFRA, """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: "${NAMESPACE_X}"}
        data: {a: "${B_VAR}", b: "${A_VAR}", c: "${WITH_DEFAULT:=x}"}
        """);
    assertThatThrownBy(() -> new ComponentsRepository(root).read(INFRA, Map.of()))
        .isInstanceOf(ComponentsException.class)
        .hasMessage(file + ": variables without a value or default: A_VAR, B_VAR, NAMESPACE_X");
  }

  @Test
  void missingDirectoriesAndFilesAreNamed() throws IOException {
    assertThatThrownBy(() -> new ComponentsRepository(root.resolve("nowhere")).read(INFRA, Map.of()))
        .hasMessage("the components repository " + root.resolve("nowhere") + " does not exist or is not a directory");
    assertThatThrownBy(() -> new ComponentsRepository(root).read(INFRA, Map.of()))
        .hasMessage("the components repository has no provider directory " + root.resolve("infrastructure-acme"));
    write(new Component("acme", ProviderType.INFRASTRUCTURE, "v0.2.0"), "");
    assertThatThrownBy(() -> new ComponentsRepository(root).read(INFRA, Map.of()))
        .hasMessage("the components repository has no version directory " + root.resolve("infrastructure-acme/v0.3.1")
            + " (versions present: v0.2.0)");
    Files.createDirectories(root.resolve("infrastructure-acme/v0.3.1"));
    assertThatThrownBy(() -> new ComponentsRepository(root).read(INFRA, Map.of()))
        .hasMessage("the components file " + root.resolve(INFRA.relativePath()) + " does not exist");
  }

  @Test
  void allComponentsProblemsAreReportedTogether() {
    assertThatThrownBy(
            () -> new ComponentsRepository(root).read(List.of(Component.core("v1.14.0"), INFRA), Map.of()))
        .isInstanceOfSatisfying(ComponentsException.class, e -> assertThat(e.problems()).hasSize(2)
            .anySatisfy(p -> assertThat(p).contains("cluster-api"))
            .anySatisfy(p -> assertThat(p).contains("infrastructure-acme")));
  }

  @Test
  void aFileLargerThanTheBoundIsRefusedUnread() throws IOException {
    Path file = write(INFRA, "");
    try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
      sparse.setLength(ComponentsRepository.MAX_FILE_BYTES + 1);
    }
    assertThatThrownBy(() -> new ComponentsRepository(root).read(INFRA, Map.of()))
        .hasMessageContaining(file + " is " + (ComponentsRepository.MAX_FILE_BYTES + 1) + " bytes; at most");
  }

  @Test
  void documentsThatAreNotObjectsAreNamedByIndex() throws IOException {
    Path file = write(INFRA, """
        apiVersion: v1
        kind: Namespace
        metadata: {name: acme-system}
        ---
        - just
        - a list
        ---
        kind: ConfigMap
        metadata: {name: no-api-version}
        """);
    assertThatThrownBy(() -> new ComponentsRepository(root).read(INFRA, Map.of()))
        .isInstanceOfSatisfying(ComponentsException.class, e -> assertThat(e.problems()).containsExactly(
            file + ": document 2 is not a Kubernetes object (apiVersion, kind and metadata.name are required)",
            file + ": document 3 is not a Kubernetes object (apiVersion, kind and metadata.name are required)"));
  }
}
