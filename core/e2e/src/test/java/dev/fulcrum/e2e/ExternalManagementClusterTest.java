package dev.fulcrum.e2e;

import static org.assertj.core.api.Assertions.assertThat;


import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fulcrum server --kubeconfig FILE}: the same engine against a management cluster the server
 * did not start, here an API server with Cluster API installed (played by a separate sandbox with
 * the CRDs and the simulator). The server starts no sandbox of its own and installs only its CRD.
 */
class ExternalManagementClusterTest {
  @TempDir Path dataDir;
  @TempDir Path dir;

  @Test
  void theServerProvisionsThroughAGivenManagementCluster() {
    try (SandboxWorld world = SandboxWorld.start(dir);
        RunningServer server = RunningServer.start(dataDir, world.serverArgs())) {
      server.cli("cluster", "apply", "-f", Fulcrum.example("docker.yaml").toString());
      Fulcrum.Run watch = server.cli("cluster", "watch", "dev-1", "-n", "team-a", "--timeout", "PT4M");

      assertThat(watch.exitCode()).as(watch.out() + watch.err()).isZero();
      // Pivoted: the management cluster no longer holds the cluster's objects, the cluster does.
      assertThat(world.management().genericKubernetesResources("cluster.x-k8s.io/v1beta2", "Cluster").inNamespace("team-a--dev-1").list().getItems())
          .isEmpty();
      try (KubernetesClient workload = world.workload("team-a--dev-1")) {
        assertThat(workload.genericKubernetesResources("cluster.x-k8s.io/v1beta2", "Cluster").inNamespace("team-a--dev-1").withName("dev-1").get())
            .isNotNull();
      }
      assertThat(server.http("GET", "/api/v1/management/kubeconfig", null, null).statusCode()).isEqualTo(404);
      assertThat(dataDir.resolve("sandbox")).doesNotExist();
      assertThat(dataDir.resolve("sandbox.kubeconfig")).doesNotExist();
    }
  }
}
