package dev.fulcrum.cli;

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
import dev.fulcrum.spi.ProviderComponent;
import dev.fulcrum.spi.ProviderDescriptor;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded management cluster: the sandbox API server (state in the data directory), the Cluster
 * API CRDs for Cluster API and every loaded provider, and the Cluster API simulator playing them all,
 * with workload clusters' own APIs served by the same sandbox. Workload clusters run what the pivot installs into
 * them in-process (their own simulated Cluster API and the Fulcrum agent), and a components repository for the pivot
 * is written from the CRDs the sandbox serves.
 */
final class SandboxManagementCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SandboxManagementCluster.class);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private SandboxServer sandbox;
  private KubernetesClient client;
  private Path componentsRepository;

  private SandboxManagementCluster() {}

  /**
   * @param dataDir where the sandbox keeps its state
   * @param port the sandbox's port; 0 for a free one
   * @param providers the loaded providers, whose infrastructure the simulator plays
   * @param upstreamCrds upstream CRD files to install instead of Fulcrum's minimal CRDs
   */
  static SandboxManagementCluster start(
      Path dataDir, int port, Collection<ProviderDescriptor> providers, Optional<Path> upstreamCrds) {
    SandboxManagementCluster management = new SandboxManagementCluster();
    try {
      management.startAll(dataDir, port, providers, upstreamCrds);
      return management;
    } catch (RuntimeException e) {
      management.close();
      throw e;
    }
  }

  private void startAll(Path dataDir, int port, Collection<ProviderDescriptor> providers, Optional<Path> upstreamCrds) {
    if (providers.isEmpty()) {
      throw new IllegalStateException("no provider plugin is loaded: the sandbox has no infrastructure to simulate");
    }
    sandbox = SandboxServer.start(SandboxOptions.defaults().withPort(port).withDataDir(dataDir));
    resources.push(sandbox);
    client = KubeClients.forUrl(sandbox.clusterUrl(SandboxServer.MANAGEMENT));
    resources.push(client);
    List<InfraKinds> infrastructure = providers.stream().map(SandboxManagementCluster::infraKinds).toList();
    CapiCrds.Installed crds = CapiCrds.install(client, infrastructure, upstreamCrds);
    log.info("Cluster API CRDs installed ({}): {}", crds.mode(), crds.crdNames().size());
    // A short resync: simulated health probes (what gates each control-plane scale step) are looked at again soon.
    SimulatorOptions simulation =
        SimulatorOptions.of(WorkloadApis.of(sandbox), infrastructure.toArray(InfraKinds[]::new))
            .withResync(Duration.ofSeconds(5));
    resources.push(CapiSimulator.start(client, simulation));
    // Workload clusters run what the pivot installs: Cluster API (simulated) and the agent, in-process.
    resources.push(DeploymentRuntime.start(sandbox, List.of(new CapiControllerImage(simulation), new AgentImage())));
    componentsRepository =
        SandboxComponents.write(
            dataDir.resolve("components"),
            client,
            providers.stream().map(SandboxManagementCluster::sandboxProvider).toList(),
            ComponentVersions.CAPI_VERSION);
  }

  /** The components repository written from the sandbox's CRDs, for the pivot. */
  Path componentsRepository() {
    return componentsRepository;
  }

  /** A provider as the sandbox's components repository names it: its first declared component, if any. */
  private static SandboxProvider sandboxProvider(ProviderDescriptor provider) {
    ProviderComponent component =
        provider.components().isEmpty()
            ? new ProviderComponent(provider.id(), "InfrastructureProvider", ComponentVersions.CAPI_VERSION)
            : provider.components().get(0);
    return new SandboxProvider(
        component.name(),
        component.version(),
        infraKinds(provider),
        "cap" + component.name() + "-system",
        "registry.fulcrum.invalid/sandbox/" + component.name() + "-controller");
  }

  /** A client for the management cluster. */
  KubernetesClient client() {
    return client;
  }

  /** The management cluster's kubeconfig, for kubectl. */
  String kubeconfig() {
    return sandbox.kubeconfig(SandboxServer.MANAGEMENT);
  }

  @Override
  public void close() {
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("Stopping {} failed: {}", resource.getClass().getSimpleName(), e.getMessage());
      }
    }
  }

  /** What the simulator needs to know of a provider: its kinds and contract, from its descriptor. */
  private static InfraKinds infraKinds(ProviderDescriptor provider) {
    String version = provider.apiVersion().substring(provider.apiVersion().indexOf('/') + 1);
    return new InfraKinds(
        provider.apiGroup(),
        version,
        provider.clusterKind(),
        provider.machineKind(),
        provider.machineTemplateKind(),
        InfraKinds.Contract.valueOf(provider.contract().toUpperCase(Locale.ROOT)));
  }
}
