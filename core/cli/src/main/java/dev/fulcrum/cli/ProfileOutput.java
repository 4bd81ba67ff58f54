package dev.fulcrum.cli;

import dev.fulcrum.core.yaml.Mappers;
import dev.fulcrum.core.yaml.YamlDocuments;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Profile versions in the format asked for: a table, YAML documents, or a JSON list. */
final class ProfileOutput {
  private ProfileOutput() {}

  static String format(List<JsonNode> profiles, OutputFormat output) {
    return switch (output) {
      case TABLE -> ProfileTable.of(profiles);
      case YAML -> YamlDocuments.writeAll(profiles);
      case JSON -> Mappers.json().writerWithDefaultPrettyPrinter().writeValueAsString(profiles.size() == 1 ? profiles.get(0) : profiles) + "\n";
    };
  }
}
