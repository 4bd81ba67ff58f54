package dev.fulcrum.core.pivot;

/** Which way a move goes; recorded in the journal so that a resumed run knows which cluster is the source. */
public enum MoveDirection {
  /** The pivot: from the management cluster to the workload cluster. */
  TO_WORKLOAD,
  /** Before deletion: from the workload cluster back to the management cluster. */
  TO_MANAGEMENT
}
