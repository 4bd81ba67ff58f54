package dev.fulcrum.core.pivot;

/**
 * The phases of a move. {@link #PLANNED}, {@link #CREATING}, {@link #DELETING} and {@link #ROLLING_BACK} are written
 * to the journal; {@link #DONE} and {@link #ROLLED_BACK} are reached when the journal is deleted.
 */
public enum MovePhase {
  /** The move set is recorded; the source Cluster may be about to be paused. Nothing else has changed. */
  PLANNED,
  /** The source Cluster is paused and copies are being created on the target. */
  CREATING,
  /** Every object was verified on the target; the source copies are being deleted. Only forward from here. */
  DELETING,
  /** A failure before {@link #DELETING}: the target copies are being deleted and the source unpaused. */
  ROLLING_BACK,
  /** The move is complete and its journal deleted. */
  DONE,
  /** The move was undone (the source holds everything, unpaused) and its journal deleted. */
  ROLLED_BACK
}
