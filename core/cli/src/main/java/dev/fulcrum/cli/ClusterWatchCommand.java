package dev.fulcrum.cli;

import dev.fulcrum.core.cluster.ClusterRef;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fulcrum cluster watch NAME}: follow a cluster's steps live. */
@Command(
    name = "watch",
    description = {
      "Follow a cluster through the steps, printing each change as it happens.",
      "",
      "Ends with 0 once every step is done, with 1 if a step fails (the request must change), the cluster is "
          + "deleted, or the timeout passes. Ctrl-C stops watching; the cluster carries on."
    },
    mixinStandardHelpOptions = true)
final class ClusterWatchCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private ClientOptions client;

  @Mixin private ProjectOption project;

  @Parameters(index = "0", paramLabel = "NAME", description = "The cluster's name.")
  private String name;

  @Option(names = "--timeout", defaultValue = "PT30M", paramLabel = "DURATION",
      description = "How long to wait, as an ISO-8601 duration such as PT10M (default: 30 minutes).")
  private Duration timeout;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ClusterRef ref = new ClusterRef(project.orDefault(), name);
    ApiClient api = client.client();
    ClusterLookup.require(api, ref);
    out.println("Watching cluster " + name + " in project " + ref.project() + " (Ctrl-C stops watching; the cluster carries on)");
    return new ClusterWatch(api, out).watch(ref, timeout);
  }
}
