package dev.fulcrum.cli;

import dev.fulcrum.core.components.ComponentVersions;
import dev.fulcrum.core.engine.Engine;
import dev.fulcrum.core.engine.EngineOptions;
import dev.fulcrum.core.kube.Crds;
import dev.fulcrum.core.kube.KubeClients;
import dev.fulcrum.core.plugins.PluginProviderRegistry;
import dev.fulcrum.core.profiles.BuiltInProfiles;
import dev.fulcrum.core.server.AdminToken;
import dev.fulcrum.core.server.ApiServer;
import dev.fulcrum.core.steps.PivotSettings;
import dev.fulcrum.spi.ProviderDescriptor;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server, composed: the composition root, and (through {@link SandboxManagementCluster}) the only
 * place that names the sandbox. With a
 * kubeconfig the engine works against that management cluster (which must have Cluster API
 * installed); without one, an embedded sandbox API server is the management cluster, with the Cluster
 * API CRDs and the Cluster API simulator. Either way Fulcrum's CRDs are installed, the engine runs,
 * and the REST API serves it.
 */
final class ServerRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServerRuntime.class);

  /** The sandbox management cluster's kubeconfig, written to the data directory for kubectl. */
  static final String SANDBOX_KUBECONFIG = "sandbox.kubeconfig";

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private ApiServer api;
  private Path sandboxKubeconfig;

  /**
   * @param host the REST API's address
   * @param port the REST API's port; 0 for a free one
   * @param dataDir the data directory (admin token, sandbox state)
   * @param kubeconfig an external management cluster; empty for the sandbox
   * @param pluginsDir the provider plugin jars
   * @param sandboxPort the sandbox API server's port; 0 for a free one
   * @param sandboxCrds upstream CRD files for the sandbox; empty for Fulcrum's minimal CRDs
   * @param componentsDir the components repository the pivot installs from; empty for the sandbox's own
   * @param advertiseUrl the URL agents reach this server at; empty for the REST API's own URL
   * @param profilesDir cluster profiles published on start (skipped if the directory does not exist)
   * @param engine how the engine paces itself
   */
  record Options(
      String host,
      int port,
      Path dataDir,
      Optional<Path> kubeconfig,
      Path pluginsDir,
      int sandboxPort,
      Optional<Path> sandboxCrds,
      Optional<Path> componentsDir,
      Optional<URI> advertiseUrl,
      Path profilesDir,
      EngineOptions engine) {}

  private ServerRuntime() {}

  /** Starts everything; on failure, stops what had started. */
  static ServerRuntime start(Options options) {
    ServerRuntime runtime = new ServerRuntime();
    try {
      runtime.startAll(options);
      return runtime;
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  private void startAll(Options options) {
    AdminToken token = AdminToken.createOrRead(options.dataDir());
    PluginProviderRegistry providers = PluginProviderRegistry.load(options.pluginsDir());
    resources.push(providers);
    log.info("Providers loaded from {}: {}", options.pluginsDir(), providers.ids());

    KubernetesClient client;
    Optional<String> managementKubeconfig;
    Optional<Path> componentsRepository = options.componentsDir();
    if (options.kubeconfig().isPresent()) {
      client = KubeClients.fromKubeconfig(options.kubeconfig().get());
      resources.push(client);
      managementKubeconfig = Optional.empty();
      log.info("Management cluster: {} (from {})", client.getMasterUrl(), options.kubeconfig().get());
    } else {
      List<ProviderDescriptor> descriptors =
          providers.ids().stream().map(id -> providers.find(id).orElseThrow().descriptor()).toList();
      SandboxManagementCluster sandbox =
          SandboxManagementCluster.start(
              options.dataDir().resolve("sandbox"), options.sandboxPort(), descriptors, options.sandboxCrds());
      resources.push(sandbox);
      client = sandbox.client();
      componentsRepository = componentsRepository.or(() -> Optional.of(sandbox.componentsRepository()));
      managementKubeconfig = Optional.of(sandbox.kubeconfig());
      sandboxKubeconfig = write(options.dataDir().resolve(SANDBOX_KUBECONFIG), managementKubeconfig.get());
      log.info("Management cluster: the embedded sandbox at {} (kubeconfig: {})", client.getMasterUrl(), sandboxKubeconfig);
    }
    Crds.install(client);

    PivotSettings pivot =
        new PivotSettings(
            componentsRepository,
            ComponentVersions.DEFAULT,
            () -> options.advertiseUrl().orElseGet(() -> URI.create(api.url())),
            Main.version().orElse("dev"));
    Engine engine = Engine.create(client, providers, options.engine(), pivot, Clock.systemUTC());
    resources.push(engine);
    BuiltInProfiles.install(options.profilesDir(), engine.profileReader(), engine.profiles());
    // The API first: the pivot tells agents where it listens.
    api =
        ApiServer.start(
            new ApiServer.Config(options.host(), options.port(), engine, providers.statuses(), token, managementKubeconfig));
    resources.push(api);
    engine.start();
  }

  /** The REST API's base URL. */
  String url() {
    return api.url();
  }

  /** The sandbox management cluster's kubeconfig file; empty with an external management cluster. */
  Optional<Path> sandboxKubeconfig() {
    return Optional.ofNullable(sandboxKubeconfig);
  }

  /** Stops everything, the last started first. */
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

  private static Path write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
