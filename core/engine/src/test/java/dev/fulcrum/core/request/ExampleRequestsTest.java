package dev.fulcrum.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.CredentialPolicy;
import dev.fulcrum.spi.CredentialRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped example requests (config/examples) read without errors, given fake providers whose
 * credential policies are the ones the real plugins declare, with permissive settings schemas.
 */
class ExampleRequestsTest {
  private static final Path EXAMPLES = Path.of(System.getProperty("fulcrum.examples.dir", "../../config/examples"));

  private final RequestReader reader =
      TestProvider.readerFor(
          TestProvider.permissive("docker", CredentialPolicy.none()),
          TestProvider.permissive("vsphere", CredentialPolicy.required("Secret", "Secret", "VSphereClusterIdentity")),
          TestProvider.permissive(
              "aws",
              CredentialPolicy.optional(
                  "AWSClusterStaticIdentity",
                  "AWSClusterStaticIdentity",
                  "AWSClusterRoleIdentity",
                  "AWSClusterControllerIdentity")),
          TestProvider.permissive("azure", CredentialPolicy.required("AzureClusterIdentity", "AzureClusterIdentity")));

  private ClusterRequest example(String file) throws IOException {
    return reader.read(Files.readAllBytes(EXAMPLES.resolve(file)));
  }

  @Test
  void everyExampleIsCovered() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder("aws.yaml", "azure.yaml", "docker.yaml", "vsphere.yaml");
    }
  }

  @Test
  void dockerReadsWithoutCredentials() throws IOException {
    ClusterRequest request = example("docker.yaml");

    assertThat(request.provider()).isEqualTo("docker");
    assertThat(request.namespace()).isEqualTo("team-a--dev-1");
    assertThat(request.cloudAccountRef()).isEqualTo(Optional.empty());
    assertThat(request.controlPlane().replicas()).isEqualTo(3);
    assertThat(request.workerPools()).extracting(pool -> pool.name()).containsExactly("general");
  }

  @Test
  void vsphereReads() throws IOException {
    ClusterRequest request = example("vsphere.yaml");

    assertThat(request.cloudAccountRef()).contains(new CredentialRef("Secret", "vcenter-prod"));
    assertThat(request.infrastructure().string("resourcePool")).contains("*/Resources");
    assertThat(request.infrastructure().object("controlPlaneEndpoint").integer("port")).contains(6443L);
  }

  @Test
  void awsReads() throws IOException {
    ClusterRequest request = example("aws.yaml");

    assertThat(request.cloudAccountRef()).contains(new CredentialRef("AWSClusterStaticIdentity", "aws-prod"));
    assertThat(request.workerPools()).extracting(pool -> pool.replicas()).containsExactly(3, 0);
  }

  @Test
  void azureReads() throws IOException {
    ClusterRequest request = example("azure.yaml");

    assertThat(request.cloudAccountRef()).contains(new CredentialRef("AzureClusterIdentity", "azure-prod"));
    assertThat(request.network().serviceDomain()).isEqualTo("cluster.local");
    assertThat(request.sshAuthorizedKeys()).hasSize(1);
    assertThat(List.of(request.name(), request.project())).containsExactly("analytics", "team-c");
  }
}
