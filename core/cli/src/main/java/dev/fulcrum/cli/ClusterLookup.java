package dev.fulcrum.cli;

import dev.fulcrum.core.cluster.ClusterRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Finds a cluster by name in a project, saying where it is if it is in another project. */
final class ClusterLookup {
  private ClusterLookup() {}

  /**
   * The cluster.
   *
   * @throws IllegalArgumentException if the project has no such cluster; names the projects that do
   */
  static JsonNode require(ApiClient api, ClusterRef ref) {
    try {
      return api.get(ref);
    } catch (ApiException e) {
      if (e.status() != 404) {
        throw e;
      }
      List<String> elsewhere = new ArrayList<>();
      api.list(Optional.empty()).path("items").forEach(cluster -> {
        if (ref.name().equals(cluster.at("/metadata/name").asString())) {
          elsewhere.add(cluster.at("/metadata/namespace").asString());
        }
      });
      throw new IllegalArgumentException(
          "project " + ref.project() + " has no cluster " + ref.name()
              + (elsewhere.isEmpty() ? "" : "; it is in project " + String.join(", ", elsewhere) + " (use -n " + elsewhere.get(0) + ")"));
    }
  }
}
