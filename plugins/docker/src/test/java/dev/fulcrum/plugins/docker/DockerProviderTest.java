package dev.fulcrum.plugins.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.spi.CloudInit;
import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.InfrastructureProvider;
import dev.fulcrum.spi.Settings;
import dev.fulcrum.testkit.ProviderConformanceTest;
import dev.fulcrum.testkit.SampleRequests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerProviderTest extends ProviderConformanceTest {
  private final DockerProvider provider = new DockerProvider();

  private static SampleRequests.Builder sample() {
    return SampleRequests.forProvider("docker")
        .controlPlane(1, Map.of())
        .workerPool("general", 2, Map.of())
        .workerPool("pinned", 1, Map.of("customImage", "kindest/node:v1.33.4"));
  }

  @Override
  protected InfrastructureProvider provider() {
    return provider;
  }

  @Override
  protected ClusterRequest sampleRequest() {
    return sample().build();
  }

  @Override
  protected Settings changedMachineSettings() {
    return new Settings(Map.of("customImage", "registry.example.com:5000/kind/node:v1.33.4"));
  }

  @Override
  protected List<InvalidRequest> invalidRequests() {
    return List.of(
        invalid("spec.controlPlane.machine.customImage",
            sample().controlPlaneMachine("customImage", "Kindest/Node:v1.33.4").build()),
        invalid("spec.workerPools[1].machine.customImage", sample().workerMachine(1, "customImage", "").build()),
        invalid("spec.workerPools[0].machine.image", sample().workerMachine(0, "image", "kindest/node").build()),
        invalid("spec.infrastructure.network", sample().infrastructure("network", "kind").build()));
  }

  @Test
  void customImageIsPassedToTheDockerBackendOnlyWhenSet() {
    ClusterRequest request = sampleRequest();

    assertThat(provider.machineTemplate(request, request.workerPools().get(1)).spec())
        .isEqualTo(Map.of("template", Map.of("spec", Map.of(
            "backend", Map.of("docker", Map.of("customImage", "kindest/node:v1.33.4"))))));
    assertThat(provider.machineTemplate(request, request.workerPools().get(0)).spec())
        .isEqualTo(Map.of("template", Map.of("spec", Map.of("backend", Map.of("docker", Map.of())))));
  }

  @Test
  void keysGoToASudoUserAndKubeletIgnoresHostDiskPressure() {
    ClusterRequest request = sampleRequest();

    CloudInit cloudInit = provider.cloudInit(request, request.controlPlane());

    assertThat(cloudInit.users()).containsExactly(
        new CloudInit.User("fulcrum", "ALL=(ALL) NOPASSWD:ALL", SampleRequests.SSH_KEYS));
    assertThat(cloudInit.kubeletExtraArgs()).extracting(CloudInit.Arg::name).containsExactly("eviction-hard");
  }

  @Test
  void requestWithoutKeysCreatesNoUser() {
    ClusterRequest request = sample().sshKeys(List.of()).build();

    assertThat(provider.cloudInit(request, request.controlPlane()).users()).isEmpty();
  }

  @Test
  void acceptsRegistryPortsTagsAndDigests() {
    String digest = "@sha256:" + "a".repeat(64);
    ClusterRequest request = sample()
        .workerMachine(0, "customImage", "localhost:5000/team/kind-node:v1.33.4-custom.1")
        .workerMachine(1, "customImage", "ghcr.io/acme/node" + digest)
        .build();

    assertThat(provider.validate(request)).isEmpty();
  }

  @Test
  void needsNoCredentials() {
    assertThat(provider.descriptor().credentials().allowed()).isFalse();
  }
}
