package dev.fulcrum.core.render;

import dev.fulcrum.core.yaml.Mappers;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the parts every object of one cluster shares: the envelope with its metadata (the cluster's
 * namespace, the Cluster API and Fulcrum labels) and Cluster API object references.
 */
final class ClusterObjects {
  private final String clusterName;
  private final String namespace;

  ClusterObjects(String clusterName, String namespace) {
    this.clusterName = clusterName;
    this.namespace = namespace;
  }

  /** An object with metadata and no body. */
  ObjectNode object(String apiVersion, String kind, String name) {
    return object(apiVersion, kind, name, Map.of(), Map.of());
  }

  /**
   * An object with metadata and no body. The core's labels win over same-named extra labels: the
   * cluster-name label is what Cluster API and the pivot find objects by.
   */
  ObjectNode object(
      String apiVersion, String kind, String name, Map<String, String> extraLabels, Map<String, String> annotations) {
    ObjectNode object = Mappers.json().createObjectNode();
    object.put("apiVersion", apiVersion);
    object.put("kind", kind);
    ObjectNode metadata = object.putObject("metadata");
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    Map<String, String> labels = new TreeMap<>(extraLabels);
    labels.putAll(clusterLabels());
    labels.forEach(metadata.putObject("labels")::put);
    if (!annotations.isEmpty()) {
      new TreeMap<>(annotations).forEach(metadata.putObject("annotations")::put);
    }
    return object;
  }

  /** The labels that mark an object as part of this cluster and managed by Fulcrum. */
  private Map<String, String> clusterLabels() {
    return Map.of(Labels.CLUSTER_NAME, clusterName, Labels.MANAGED_BY, Labels.MANAGED_BY_FULCRUM);
  }

  /**
   * A v1beta2 {@code ContractVersionedObjectReference}: {@code {apiGroup, kind, name}} only; Cluster
   * API resolves the version from the CRD's contract label, and the namespace is always the
   * referrer's.
   */
  static ObjectNode ref(String apiGroup, String kind, String name) {
    ObjectNode ref = Mappers.json().createObjectNode();
    ref.put("apiGroup", apiGroup);
    ref.put("kind", kind);
    ref.put("name", name);
    return ref;
  }
}
