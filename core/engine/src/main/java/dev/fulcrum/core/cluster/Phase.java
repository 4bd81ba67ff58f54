package dev.fulcrum.core.cluster;

/** Where a cluster stands as a whole ({@code status.phase}). */
public enum Phase {
  /** Not accepted yet. */
  Pending,
  /** Accepted; a step is in progress. */
  Provisioning,
  /** Every step is done: the cluster runs itself, every Machine is Running. */
  Running,
  /** A step cannot proceed until the request changes; its condition says why. */
  Failed,
  /** Deletion in progress: the cluster's Cluster API objects are being removed. */
  Deleting
}
