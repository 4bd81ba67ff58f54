package dev.fulcrum.core.pivot;

import java.util.List;

/**
 * The namespace holds objects that fit no graph of the move (P3/P4): the move stopped before changing anything.
 */
public final class UnmovableObjectsException extends MoveException {
  private static final long serialVersionUID = 1L;

  private final List<String> objects;

  private UnmovableObjectsException(String message, List<String> objects) {
    super("nothing was changed: " + message + ": " + String.join(", ", objects));
    this.objects = List.copyOf(objects);
  }

  /** Objects beside the Cluster's graph. */
  static UnmovableObjectsException outsideTheGraph(String namespace, List<String> objects) {
    return new UnmovableObjectsException("namespace " + namespace + " holds " + objects.size() + " object(s) that"
        + " belong to no moved graph (not owned by the Cluster's hierarchy, no soft owner, no "
        + Clusterctl.MOVE_LABEL + " label); moving would leave them behind", objects);
  }

  /** Objects in a namespace whose Cluster is gone from the source (P1: not a success). */
  static UnmovableObjectsException withoutTheirCluster(String namespace, String clusterName, List<String> objects) {
    return new UnmovableObjectsException("Cluster " + namespace + "/" + clusterName + " is not in the source"
        + " cluster, but its namespace there still holds " + objects.size() + " object(s)", objects);
  }

  /** Every unmovable object, {@code Kind namespace/name}, sorted. */
  public List<String> objects() {
    return objects;
  }
}
