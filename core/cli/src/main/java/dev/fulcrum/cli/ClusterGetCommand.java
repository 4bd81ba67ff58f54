package dev.fulcrum.cli;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.yaml.Mappers;
import dev.fulcrum.core.yaml.YamlDocuments;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code fulcrum cluster get NAME}: one cluster. */
@Command(
    name = "get",
    description = "Show one cluster: a table row, or the whole WorkloadCluster with its status (-o yaml|json).",
    mixinStandardHelpOptions = true)
final class ClusterGetCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private ClientOptions client;

  @Mixin private ProjectOption project;

  @Parameters(index = "0", paramLabel = "NAME", description = "The cluster's name.")
  private String name;

  @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "table (default), yaml or json.")
  private OutputFormat output;

  @Override
  public Integer call() {
    JsonNode cluster = ClusterLookup.require(client.client(), new ClusterRef(project.orDefault(), name));
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        switch (output) {
          case TABLE -> ClusterTable.of(List.of(cluster), false, Instant.now());
          case YAML -> YamlDocuments.write(cluster);
          case JSON -> Mappers.json().writerWithDefaultPrettyPrinter().writeValueAsString(cluster) + "\n";
        });
    out.flush();
    return 0;
  }
}
