package dev.fulcrum.core.pivot;

import java.util.List;

/**
 * The namespace holds objects that fit no graph of the move (P3/P4): the move stopped before changing anything.
 */
public final class UnmovableObjectsException extends MoveException {
  private static final long serialVersionUID = 1L;

  private final List<String> objects;

  UnmovableObjectsException(String namespace, List<String> objects) {
    super("nothing was changed: namespace " + namespace + " holds " + objects.size() + " object(s) that belong to no"
        + " moved graph (not owned by the Cluster's hierarchy, no soft owner, no clusterctl.cluster.x-k8s.io/move"
        + " label); they would be left behind: " + String.join(", ", objects));
    this.objects = List.copyOf(objects);
  }

  /** Every unmovable object, {@code Kind namespace/name}, sorted. */
  public List<String> objects() {
    return objects;
  }
}
