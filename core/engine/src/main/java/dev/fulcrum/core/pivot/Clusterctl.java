package dev.fulcrum.core.pivot;

/** The labels, annotations and kinds of {@code clusterctl move} that a Fulcrum move honours (capi-contracts §5.1). */
final class Clusterctl {
  /** On a CRD: its kind takes part in moves. */
  static final String CRD_LABEL = "clusterctl.cluster.x-k8s.io";
  /** On a CRD or object: move it even if nothing moved owns it. */
  static final String MOVE_LABEL = "clusterctl.cluster.x-k8s.io/move";
  /** On a CRD or object: move it and everything it owns. */
  static final String MOVE_HIERARCHY_LABEL = "clusterctl.cluster.x-k8s.io/move-hierarchy";
  /** On an object: the provider is not ready for the move yet. */
  static final String BLOCK_MOVE_ANNOTATION = "clusterctl.cluster.x-k8s.io/block-move";
  /** Set on an object right before a move deletes it, so webhooks and controllers can tell. */
  static final String DELETE_FOR_MOVE_ANNOTATION = "clusterctl.cluster.x-k8s.io/delete-for-move";

  static final String CORE_GROUP = "cluster.x-k8s.io";
  static final String ADDONS_GROUP = "addons.cluster.x-k8s.io";

  private Clusterctl() {}

  /** Whether the type is Cluster API's Cluster. */
  static boolean isCluster(ResourceType type) {
    return type.group().equals(CORE_GROUP) && type.kind().equals("Cluster");
  }

  /** Whether the type is Cluster API's Machine. */
  static boolean isMachine(ResourceType type) {
    return type.group().equals(CORE_GROUP) && type.kind().equals("Machine");
  }

  /** Kinds clusterctl treats as move-hierarchy roots without a label (besides Cluster). */
  static boolean isBuiltInHierarchyRoot(ResourceType type) {
    return (type.group().equals(CORE_GROUP) && type.kind().equals("ClusterClass"))
        || (type.group().equals(ADDONS_GROUP) && type.kind().equals("ClusterResourceSet"));
  }
}
