package dev.fulcrum.agent;

import dev.fulcrum.core.render.Labels;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The labels that mark an object as this agent's to manage: Fulcrum manages it, and it belongs to this cluster.
 * Only objects carrying all of them are ever pruned.
 */
final class ObjectLabels {

  static final String MANAGED_BY = Labels.MANAGED_BY;
  static final String MANAGED_BY_FULCRUM = Labels.MANAGED_BY_FULCRUM;

  private final String project;
  private final String clusterName;

  ObjectLabels(String project, String clusterName) {
    this.project = project;
    this.clusterName = clusterName;
  }

  /** The labels, as a selector. */
  Map<String, String> selector() {
    return Map.of(MANAGED_BY, MANAGED_BY_FULCRUM, Labels.CLUSTER, clusterName, Labels.PROJECT, project);
  }

  /** A copy of {@code object} carrying the labels. */
  ObjectNode stamp(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    ObjectNode metadata = copy.has("metadata") ? (ObjectNode) copy.get("metadata") : copy.putObject("metadata");
    ObjectNode labels = metadata.has("labels") ? (ObjectNode) metadata.get("labels") : metadata.putObject("labels");
    selector().forEach(labels::put);
    return copy;
  }
}
