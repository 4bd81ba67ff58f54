package dev.fulcrum.cli;

import dev.fulcrum.core.engine.EngineOptions;
import dev.fulcrum.core.server.AdminToken;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code fulcrum demo -f FILE}: the whole thing in one command: a server on the sandbox, a request
 * applied through the REST API, and its progress watched through every step until it is Running.
 */
@Command(
    name = "demo",
    description = {
      "Start a server on the sandbox, apply an example cluster through the REST API and watch it through every "
          + "step until it is Running; then keep serving (Ctrl-C stops), so other commands and kubectl can look.",
      "",
      "Equivalent to 'fulcrum server', then 'fulcrum cluster apply -f FILE' and 'fulcrum cluster watch NAME' in "
          + "another terminal."
    },
    mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Spec private CommandSpec spec;

  @Mixin private ServerOptions server;

  @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
      description = "The cluster request to apply, e.g. config/examples/ of the distribution.")
  private Path file;

  @Option(names = "--exit", description = "Stop the server once the watch ends, instead of serving on.")
  private boolean exit;

  @Option(names = "--timeout", defaultValue = "PT10M", paramLabel = "DURATION",
      description = "How long to wait for the cluster, as an ISO-8601 duration (default: 10 minutes).")
  private Duration timeout;

  @Override
  public Integer call() throws Exception {
    // The watch below shows the progress; the server's own log only with -v.
    if (main.verbose()) {
      Logging.showServerProgress(true);
    }
    PrintWriter out = spec.commandLine().getOut();
    RequestFile request = RequestFile.read(file, null);
    out.println("Starting the Fulcrum server on the sandbox...");
    out.flush();
    ServerRuntime.Options options = server.runtimeOptions(main, EngineOptions.defaults());
    return ServerLifetime.serve(
        options,
        out,
        runtime -> {
          ApiClient api = new ApiClient(runtime.url(), AdminToken.createOrRead(options.dataDir()).value());
          out.println(ClusterApplyCommand.apply(api, request));
          int watched = new ClusterWatch(api, out).watch(request.cluster().orElseThrow(), timeout);
          if (exit) {
            return OptionalInt.of(watched);
          }
          out.println();
          out.println("The server keeps running (Ctrl-C stops it). In another terminal:");
          out.println("  fulcrum cluster list");
          out.println("  fulcrum cluster get " + request.cluster().get().name() + " -n " + request.project() + " -o yaml");
          runtime
              .sandboxKubeconfig()
              .ifPresent(kubeconfig -> out.println("  kubectl --kubeconfig " + kubeconfig + " get clusters.cluster.x-k8s.io,machines.cluster.x-k8s.io -A"));
          out.flush();
          return OptionalInt.empty();
        });
  }
}
