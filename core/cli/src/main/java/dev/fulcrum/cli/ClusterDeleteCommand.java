package dev.fulcrum.cli;

import dev.fulcrum.core.cluster.ClusterRef;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fulcrum cluster delete NAME}: delete a cluster. */
@Command(
    name = "delete",
    description = {
      "Delete a cluster: the server deletes its Cluster API objects (Cluster API tears down the machines), "
          + "then the cluster itself. The command returns once deletion has started."
    },
    mixinStandardHelpOptions = true)
final class ClusterDeleteCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private ClientOptions client;

  @Mixin private ProjectOption project;

  @Parameters(index = "0", paramLabel = "NAME", description = "The cluster's name.")
  private String name;

  @Override
  public Integer call() {
    ClusterRef ref = new ClusterRef(project.orDefault(), name);
    ApiClient api = client.client();
    ClusterLookup.require(api, ref);
    api.delete(ref);
    PrintWriter out = spec.commandLine().getOut();
    out.println("cluster " + name + " in project " + ref.project() + " is being deleted");
    out.flush();
    return 0;
  }
}
