package dev.fulcrum.cli;

import dev.fulcrum.core.kube.KubeClients;
import dev.fulcrum.sandbox.SandboxOptions;
import dev.fulcrum.sandbox.SandboxServer;
import dev.fulcrum.sandbox.capi.CapiCrds;
import dev.fulcrum.sandbox.capi.CapiSimulator;
import dev.fulcrum.sandbox.capi.InfraKinds;
import dev.fulcrum.sandbox.capi.SimulatorOptions;
import dev.fulcrum.sandbox.capi.WorkloadApis;
import dev.fulcrum.spi.ProviderDescriptor;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded management cluster: the sandbox API server (state in the data directory), the Cluster
 * API CRDs for Cluster API and every loaded provider, and the Cluster API simulator playing them all,
 * with workload clusters' own APIs served by the same sandbox.
 */
final class SandboxManagementCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SandboxManagementCluster.class);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private SandboxServer sandbox;
  private KubernetesClient client;

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
    resources.push(CapiSimulator.start(client, SimulatorOptions.of(WorkloadApis.of(sandbox), infrastructure.toArray(InfraKinds[]::new))));
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
