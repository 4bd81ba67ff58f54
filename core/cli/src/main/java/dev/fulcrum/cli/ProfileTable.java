package dev.fulcrum.cli;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** Profile versions as a table: name, version, layers (name:type), description. */
final class ProfileTable {
  private ProfileTable() {}

  static String of(List<JsonNode> profiles) {
    TextTable table = new TextTable("NAME", "VERSION", "DRIFT", "LAYERS", "DESCRIPTION");
    for (JsonNode profile : profiles) {
      JsonNode spec = profile.path("spec");
      List<String> layers =
          spec.path("layers").valueStream()
              .map(layer -> layer.path("name").asString() + ":" + layer.path("type").asString())
              .toList();
      table.row(
          profile.at("/metadata/labels").path("fulcrum.dev/profile").asString(),
          spec.path("version").asString(),
          spec.path("drift").asString("correct"),
          String.join(",", layers),
          spec.path("description").asString(""));
    }
    return table.toString();
  }
}
