package dev.fulcrum.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Clusters as {@code kubectl get} shows resources: aligned columns, ages like {@code 5m}. */
final class ClusterTable {
  private ClusterTable() {}

  static String of(List<JsonNode> clusters, boolean withProject, Instant now) {
    TextTable table =
        withProject
            ? new TextTable("PROJECT", "NAME", "PROVIDER", "VERSION", "STEP", "PHASE", "AGE")
            : new TextTable("NAME", "PROVIDER", "VERSION", "STEP", "PHASE", "AGE");
    for (JsonNode cluster : clusters) {
      String[] cells = {
        cluster.at("/metadata/namespace").asString(""),
        cluster.at("/metadata/name").asString(""),
        cluster.at("/spec/provider").asString(""),
        cluster.at("/spec/kubernetesVersion").asString(""),
        cluster.at("/status/step").asString(""),
        cluster.at("/status/phase").asString(""),
        age(cluster.at("/metadata/creationTimestamp").asString(""), now)
      };
      table.row(withProject ? cells : java.util.Arrays.copyOfRange(cells, 1, cells.length));
    }
    return table.toString();
  }

  /** kubectl's short ages: {@code 42s}, {@code 5m}, {@code 3h}, {@code 12d}. */
  static String age(String timestamp, Instant now) {
    if (timestamp.isEmpty()) {
      return "";
    }
    Duration age = Duration.between(Instant.parse(timestamp), now);
    if (age.toMinutes() < 1) {
      return Math.max(0, age.toSeconds()) + "s";
    }
    if (age.toHours() < 1) {
      return age.toMinutes() + "m";
    }
    if (age.toDays() < 1) {
      return age.toHours() + "h";
    }
    return age.toDays() + "d";
  }
}
