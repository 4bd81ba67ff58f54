package dev.fulcrum.sandbox.store;

/** A write to a cluster that has been deleted (or whose sandbox is stopping). */
public final class ClusterClosedException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  public ClusterClosedException(String cluster) {
    super("cluster \"" + cluster + "\" not found");
  }
}
