package dev.fulcrum.cli;

import dev.fulcrum.core.engine.EngineOptions;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code fulcrum server}: runs the engine and the REST API until stopped. */
@Command(
    name = "server",
    description = {
      "Run the Fulcrum server: the engine and the REST API (/api/v1), until stopped (Ctrl-C).",
      "",
      "Without --kubeconfig the server starts an embedded Kubernetes API (the sandbox) as the management cluster, "
          + "with the Cluster API CRDs and the Cluster API simulator; its state persists in the data directory and "
          + "its kubeconfig is written there (sandbox.kubeconfig). With --kubeconfig the server uses that management "
          + "cluster instead, which must have Cluster API installed.",
      "",
      "On first start the server writes the administrator's token to <data-dir>/admin-token (owner-only); client "
          + "commands read it from there, and the server's URL from <data-dir>/server-url."
    },
    mixinStandardHelpOptions = true)
final class ServerCommand implements Callable<Integer> {
  /** The file in the data directory that names a running server's URL. */
  static final String URL_FILE = "server-url";

  @ParentCommand private Main main;

  @Spec private CommandSpec spec;

  @Mixin private ServerOptions server;

  @Override
  public Integer call() throws Exception {
    Logging.showServerProgress(main.verbose());
    return ServerLifetime.serve(server.runtimeOptions(main, EngineOptions.defaults()), spec.commandLine().getOut(), runtime -> OptionalInt.empty());
  }
}
