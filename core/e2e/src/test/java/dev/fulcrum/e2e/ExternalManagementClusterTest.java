package dev.fulcrum.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.core.kube.KubeClients;
import dev.fulcrum.sandbox.SandboxOptions;
import dev.fulcrum.sandbox.SandboxServer;
import dev.fulcrum.sandbox.capi.CapiCrds;
import dev.fulcrum.sandbox.capi.CapiSimulator;
import dev.fulcrum.sandbox.capi.InfraKinds;
import dev.fulcrum.sandbox.capi.SimulatorOptions;
import dev.fulcrum.sandbox.capi.WorkloadApis;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fulcrum server --kubeconfig FILE}: the same engine against a management cluster the server
 * did not start, here an API server with Cluster API installed (played by a separate sandbox with
 * the CRDs and the simulator). The server starts no sandbox of its own and installs only its CRD.
 */
class ExternalManagementClusterTest {
  /** The Docker plugin's kinds, as its descriptor declares them. */
  private static final InfraKinds DEV =
      new InfraKinds("infrastructure.cluster.x-k8s.io", "v1beta2", "DevCluster", "DevMachine", "DevMachineTemplate",
          InfraKinds.Contract.V1BETA2);

  @TempDir Path dataDir;
  @TempDir Path dir;

  @Test
  void theServerProvisionsThroughAGivenManagementCluster() throws Exception {
    try (SandboxServer external = SandboxServer.start(SandboxOptions.defaults());
        KubernetesClient admin = KubeClients.forUrl(external.clusterUrl(SandboxServer.MANAGEMENT))) {
      CapiCrds.install(admin, List.of(DEV), Optional.empty());
      try (CapiSimulator capi = CapiSimulator.start(admin, SimulatorOptions.of(WorkloadApis.of(external), DEV))) {
        Path kubeconfig = Files.writeString(dir.resolve("management.kubeconfig"), external.kubeconfig(SandboxServer.MANAGEMENT));

        try (RunningServer server = RunningServer.start(dataDir, "--kubeconfig", kubeconfig.toString())) {
          server.cli("cluster", "apply", "-f", Fulcrum.example("docker.yaml").toString());
          Fulcrum.Run watch = server.cli("cluster", "watch", "dev-1", "-n", "team-a", "--timeout", "PT4M");

          assertThat(watch.exitCode()).as(watch.out() + watch.err()).isZero();
          assertThat(admin.genericKubernetesResources("cluster.x-k8s.io/v1beta2", "Cluster").inNamespace("team-a--dev-1").withName("dev-1").get())
              .isNotNull();
          assertThat(server.http("GET", "/api/v1/management/kubeconfig", null, null).statusCode()).isEqualTo(404);
          assertThat(dataDir.resolve("sandbox")).doesNotExist();
          assertThat(dataDir.resolve("sandbox.kubeconfig")).doesNotExist();
        }
      }
    }
  }
}
