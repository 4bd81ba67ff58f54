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
  /** The label naming the add-on layer ({@code <profile>.<layer>}) an object was applied for. */
  static final String ADDON_LAYER = "fulcrum.dev/addon-layer";

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
    selector().forEach(labels(copy)::put);
    return copy;
  }

  /** A copy of {@code object} carrying the labels and the add-on layer's id. */
  ObjectNode stampAddon(ObjectNode object, String layerId) {
    ObjectNode copy = stamp(object);
    labels(copy).put(ADDON_LAYER, layerId);
    return copy;
  }

  private static ObjectNode labels(ObjectNode object) {
    ObjectNode metadata = object.has("metadata") ? (ObjectNode) object.get("metadata") : object.putObject("metadata");
    return metadata.has("labels") ? (ObjectNode) metadata.get("labels") : metadata.putObject("labels");
  }
}
