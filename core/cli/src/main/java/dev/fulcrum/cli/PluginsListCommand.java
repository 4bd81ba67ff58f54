package dev.fulcrum.cli;

import dev.fulcrum.core.plugins.PluginProviderRegistry;
import dev.fulcrum.core.plugins.PluginStatus;
import dev.fulcrum.core.yaml.Mappers;
import dev.fulcrum.core.yaml.YamlDocuments;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code fulcrum plugins list}: every plugin jar and what became of it. */
@Command(
    name = "list",
    description = {
      "List the plugin jars of the plugins directory and what became of them.",
      "",
      "Shows each plugin's provider, kinds and state (STARTED, DISABLED, FAILED, INCOMPATIBLE or "
          + "DUPLICATE) and why a plugin is not used."
    },
    mixinStandardHelpOptions = true)
final class PluginsListCommand implements Callable<Integer> {
  @ParentCommand private PluginsCommand plugins;

  @Spec private CommandSpec spec;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      paramLabel = "FORMAT",
      description = "table (default), yaml or json.")
  private OutputFormat output;

  @Override
  public Integer call() {
    try (PluginProviderRegistry registry = plugins.main().loadProviders()) {
      List<PluginStatus> statuses = registry.statuses();
      PrintWriter out = spec.commandLine().getOut();
      out.print(
          switch (output) {
            case TABLE -> table(statuses);
            case YAML -> YamlDocuments.write(statuses);
            case JSON -> Mappers.json().writerWithDefaultPrettyPrinter().writeValueAsString(statuses) + "\n";
          });
      out.flush();
      return 0;
    }
  }

  private static String table(List<PluginStatus> statuses) {
    TextTable table = new TextTable("PLUGIN", "VERSION", "PROVIDER", "API", "KINDS", "STATE", "MESSAGE");
    for (PluginStatus status : statuses) {
      table.row(
          status.pluginId() != null ? status.pluginId() : status.file(),
          status.pluginVersion(),
          status.providerId(),
          status.apiVersion(),
          String.join(",", status.kinds()),
          status.state().name(),
          status.message());
    }
    return table.toString();
  }
}
