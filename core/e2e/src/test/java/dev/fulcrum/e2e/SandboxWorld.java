package dev.fulcrum.e2e;

import dev.fulcrum.cli.AgentImage;
import dev.fulcrum.core.components.ComponentVersions;
import dev.fulcrum.core.kube.KubeClients;
import dev.fulcrum.sandbox.SandboxOptions;
import dev.fulcrum.sandbox.SandboxServer;
import dev.fulcrum.sandbox.capi.CapiControllerImage;
import dev.fulcrum.sandbox.capi.CapiCrds;
import dev.fulcrum.sandbox.capi.CapiSimulator;
import dev.fulcrum.sandbox.capi.InfraKinds;
import dev.fulcrum.sandbox.capi.SimulatorOptions;
import dev.fulcrum.sandbox.capi.WorkloadApis;
import dev.fulcrum.sandbox.components.SandboxComponents;
import dev.fulcrum.sandbox.components.SandboxProvider;
import dev.fulcrum.sandbox.kubelet.DeploymentRuntime;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A world without a Fulcrum server: a management cluster with Cluster API (the sandbox and its simulator), workload
 * clusters that run what the pivot installs into them (their own simulated Cluster API and the agent), and a
 * components repository. A {@code fulcrum server --kubeconfig} started against it is the management plane, and can
 * be stopped while the clusters carry on.
 */
final class SandboxWorld implements AutoCloseable {
  /** The Docker plugin's kinds, as its descriptor declares them. */
  static final InfraKinds DEV =
      new InfraKinds("infrastructure.cluster.x-k8s.io", "v1beta2", "DevCluster", "DevMachine", "DevMachineTemplate",
          InfraKinds.Contract.V1BETA2);

  private final SandboxServer sandbox;
  private final KubernetesClient management;
  private final CapiSimulator capi;
  private final DeploymentRuntime kubelets;
  private final Path kubeconfig;
  private final Path components;

  private SandboxWorld(Path dir) throws IOException {
    sandbox = SandboxServer.start(SandboxOptions.defaults());
    management = KubeClients.forUrl(sandbox.clusterUrl(SandboxServer.MANAGEMENT));
    CapiCrds.install(management, List.of(DEV), Optional.empty());
    SimulatorOptions simulation = SimulatorOptions.of(WorkloadApis.of(sandbox), DEV).withResync(Duration.ofSeconds(5));
    capi = CapiSimulator.start(management, simulation);
    kubelets = DeploymentRuntime.start(sandbox, List.of(new CapiControllerImage(simulation), new AgentImage()));
    kubeconfig = Files.writeString(dir.resolve("management.kubeconfig"), sandbox.kubeconfig(SandboxServer.MANAGEMENT));
    components =
        SandboxComponents.write(
            dir.resolve("components"),
            management,
            List.of(new SandboxProvider("docker", "v1.14.0", DEV, "capd-system", "registry.k8s.io/cluster-api/capd-manager")),
            ComponentVersions.CAPI_VERSION);
  }

  static SandboxWorld start(Path dir) {
    try {
      return new SandboxWorld(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code fulcrum server} options that make it this world's management plane. */
  String[] serverArgs() {
    return new String[] {"--kubeconfig", kubeconfig.toString(), "--components-dir", components.toString()};
  }

  /** The management cluster, as an administrator reaches it. */
  KubernetesClient management() {
    return management;
  }

  /** A workload cluster's API, as an administrator reaches it. */
  KubernetesClient workload(String apiName) {
    return KubeClients.forUrl(sandbox.clusterUrl(apiName));
  }

  /** Whether a workload cluster's API is served. */
  boolean serves(String apiName) {
    return sandbox.clusters().contains(apiName);
  }

  @Override
  public void close() {
    kubelets.close();
    capi.close();
    management.close();
    sandbox.close();
  }
}
