package dev.fulcrum.cli;

import dev.fulcrum.core.yaml.Mappers;
import dev.fulcrum.core.yaml.YamlDocuments;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code fulcrum cluster list}: the clusters of every project, or of one. */
@Command(
    name = "list",
    description = "List the clusters of every project, or of one project (-n).",
    mixinStandardHelpOptions = true)
final class ClusterListCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private ClientOptions client;

  @Option(names = {"-n", "--project"}, paramLabel = "PROJECT", description = "Only this project's clusters.")
  private String project;

  @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "table (default), yaml or json.")
  private OutputFormat output;

  @Override
  public Integer call() {
    JsonNode list = client.client().list(Optional.ofNullable(project));
    List<JsonNode> clusters = new ArrayList<>();
    list.path("items").forEach(clusters::add);
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        switch (output) {
          case TABLE -> ClusterTable.of(clusters, project == null, Instant.now());
          case YAML -> YamlDocuments.write(list);
          case JSON -> Mappers.json().writerWithDefaultPrettyPrinter().writeValueAsString(list) + "\n";
        });
    out.flush();
    return 0;
  }
}
