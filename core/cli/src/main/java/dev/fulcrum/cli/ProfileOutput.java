package dev.fulcrum.cli;

import dev.fulcrum.core.yaml.Mappers;
import dev.fulcrum.core.yaml.YamlDocuments;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Profile versions in the format asked for: a table, YAML documents, or JSON (one object, or a list). */
final class ProfileOutput {
  private ProfileOutput() {}

  /**
   * @param one whether one version was asked for ({@code NAME@VERSION}): JSON shows it as an object
   */
  static String format(List<JsonNode> profiles, OutputFormat output, boolean one) {
    return switch (output) {
      case TABLE -> ProfileTable.of(profiles);
      case YAML -> YamlDocuments.writeAll(profiles);
      case JSON ->
          Mappers.json()
                  .writerWithDefaultPrettyPrinter()
                  .writeValueAsString(one ? profiles.get(0) : profiles)
              + "\n";
    };
  }
}
