package dev.fulcrum.core.cluster;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Names one {@code WorkloadCluster}: its project (the Kubernetes namespace it lives in) and name.
 *
 * @param project {@code metadata.namespace}
 * @param name {@code metadata.name}
 */
public record ClusterRef(String project, String name) {
  public ClusterRef {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(name, "name");
  }

  /** The reference of a stored WorkloadCluster object. */
  public static ClusterRef of(JsonNode workloadCluster) {
    return new ClusterRef(
        workloadCluster.at("/metadata/namespace").asString(""), workloadCluster.at("/metadata/name").asString(""));
  }

  /** {@code project/name}. */
  @Override
  public String toString() {
    return project + "/" + name;
  }
}
