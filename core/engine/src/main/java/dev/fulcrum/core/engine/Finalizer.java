package dev.fulcrum.core.engine;

import dev.fulcrum.core.cluster.WorkloadClusters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Fulcrum's finalizer on a WorkloadCluster ({@value WorkloadClusters#FINALIZER}). */
final class Finalizer {
  private Finalizer() {}

  static boolean isOn(JsonNode cluster) {
    for (JsonNode finalizer : cluster.at("/metadata/finalizers")) {
      if (WorkloadClusters.FINALIZER.equals(finalizer.asString())) {
        return true;
      }
    }
    return false;
  }

  /** A copy of the cluster with the finalizer added after any others. */
  static ObjectNode added(ObjectNode cluster) {
    ObjectNode updated = cluster.deepCopy();
    ((ObjectNode) updated.get("metadata")).withArray("finalizers").add(WorkloadClusters.FINALIZER);
    return updated;
  }

  /** A copy of the cluster without the finalizer; other finalizers stay. */
  static ObjectNode removed(ObjectNode cluster) {
    ObjectNode updated = cluster.deepCopy();
    ArrayNode finalizers = (ArrayNode) updated.at("/metadata/finalizers");
    for (int i = finalizers.size() - 1; i >= 0; i--) {
      if (WorkloadClusters.FINALIZER.equals(finalizers.get(i).asString())) {
        finalizers.remove(i);
      }
    }
    return updated;
  }
}
