package dev.fulcrum.cli;

import dev.fulcrum.core.engine.EngineOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options of a command that runs the server ({@code server}, {@code demo}). */
final class ServerOptions {
  /** Where the sandbox listens by default: beside the API, and stable, so kubeconfigs stay valid. */
  static final int DEFAULT_SANDBOX_PORT = ClientOptions.DEFAULT_PORT + 1;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
      description = "The address the REST API listens on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "" + ClientOptions.DEFAULT_PORT, paramLabel = "PORT",
      description = "The REST API's port; 0 for a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where the server keeps its state (default: $FULCRUM_DATA_DIR, else ~/.fulcrum).")
  Path dataDir;

  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "Use the management cluster of this kubeconfig (current context) instead of the sandbox.")
  Path kubeconfig;

  @Option(names = "--sandbox-port", defaultValue = "" + DEFAULT_SANDBOX_PORT, paramLabel = "PORT",
      description = "The sandbox API server's port; 0 for a free one (default: ${DEFAULT-VALUE}).")
  int sandboxPort;

  @Option(names = "--sandbox-crds", paramLabel = "DIR",
      description = "Install the upstream Cluster API and provider CRD files found in DIR into the sandbox, so objects"
          + " are checked against the real schemas (default: Fulcrum's minimal CRDs, which accept any fields).")
  Path sandboxCrds;

  @Option(names = "--components-dir", paramLabel = "DIR",
      description = "The components repository the pivot installs Cluster API from, laid out like clusterctl's overrides"
          + " (<provider-label>/<version>/<components file>) so it works air-gapped (default with the sandbox: one the"
          + " sandbox writes to <data-dir>/sandbox/components).")
  Path componentsDir;

  @Option(names = "--profiles-dir", defaultValue = "${sys:fulcrum.home:-.}/config/profiles", paramLabel = "DIR",
      description = "Cluster profiles to publish on start, one ClusterProfile per *.yaml, charts beside them"
          + " (default: ${DEFAULT-VALUE}; skipped if absent).")
  Path profilesDir;

  @Option(names = "--advertise-url", paramLabel = "URL",
      description = "The URL agents in workload clusters reach this server at (default: the REST API's own URL).")
  URI advertiseUrl;

  /** The data directory these options name. */
  Path dataDirectory() {
    return DataDirectory.resolve(dataDir);
  }

  ServerRuntime.Options runtimeOptions(Main main, EngineOptions engine) {
    return new ServerRuntime.Options(
        host, port, dataDirectory(), Optional.ofNullable(kubeconfig), main.pluginsDir(), sandboxPort,
        Optional.ofNullable(sandboxCrds), Optional.ofNullable(componentsDir), Optional.ofNullable(advertiseUrl), profilesDir, engine);
  }
}
