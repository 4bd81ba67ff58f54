package dev.fulcrum.cli;

import dev.fulcrum.core.cluster.ClusterRef;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code fulcrum cluster apply -f FILE}: create or change a cluster. */
@Command(
    name = "apply",
    description = {
      "Create a cluster from a WorkloadCluster request, or change it to the request.",
      "",
      "The server validates the request completely; an invalid one prints every problem as 'path: message' and "
          + "exits with 1, and nothing is stored. The file's metadata.namespace is the project; without one, -n."
    },
    mixinStandardHelpOptions = true)
final class ClusterApplyCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private ClientOptions client;

  @Mixin private ProjectOption project;

  @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The request, YAML or JSON.")
  private Path file;

  @Override
  public Integer call() {
    RequestFile request = RequestFile.read(file, project.project);
    PrintWriter out = spec.commandLine().getOut();
    out.println(apply(client.client(), request));
    out.flush();
    return 0;
  }

  /** Sends the request; returns what to tell the user. */
  static String apply(ApiClient api, RequestFile request) {
    if (request.cluster().isEmpty()) {
      JsonNode created = api.create(request.project(), request.body(), request.mediaType());
      return "cluster " + created.at("/metadata/name").asString() + " created in project " + request.project();
    }
    ClusterRef ref = request.cluster().get();
    ApiClient.Applied applied = api.apply(ref, request.body(), request.mediaType());
    return "cluster " + ref.name() + (applied.created() ? " created" : " configured") + " in project " + ref.project();
  }
}
