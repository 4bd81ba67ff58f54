package dev.fulcrum.core.steps;

import dev.fulcrum.core.cluster.ClusterRef;

/** A create of a cluster that already exists. */
public final class ClusterExistsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ClusterRef cluster;

  ClusterExistsException(ClusterRef cluster) {
    super("cluster " + cluster.name() + " already exists in project " + cluster.project());
    this.cluster = cluster;
  }

  public ClusterRef cluster() {
    return cluster;
  }
}
