package dev.fulcrum.core.pivot;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Objects;

/**
 * A move's journal: everything a later run needs to resume or roll back after a crash at any point.
 *
 * @param namespace the moved namespace
 * @param clusterName the Cluster's name
 * @param direction which way the move goes
 * @param phase how far it got
 * @param sourceClusterWasPaused whether the source Cluster was paused before the move began (then the move leaves the
 *     moved Cluster paused, and a rollback leaves the source paused)
 * @param objects the move set in creation order
 * @param revision the journal's storage revision (a resourceVersion), the precondition of the next write; null for a
 *     record never written; not part of the stored JSON
 */
public record MoveRecord(
    String namespace,
    String clusterName,
    MoveDirection direction,
    MovePhase phase,
    boolean sourceClusterWasPaused,
    List<JournalEntry> objects,
    @JsonIgnore String revision) {

  public MoveRecord {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(phase, "phase");
    objects = List.copyOf(objects);
  }

  /** The same record in another phase. */
  public MoveRecord withPhase(MovePhase next) {
    return new MoveRecord(namespace, clusterName, direction, next, sourceClusterWasPaused, objects, revision);
  }

  /** The same record with other entries. */
  public MoveRecord withObjects(List<JournalEntry> entries) {
    return new MoveRecord(namespace, clusterName, direction, phase, sourceClusterWasPaused, entries, revision);
  }

  /** The same record at another storage revision. */
  public MoveRecord withRevision(String next) {
    return new MoveRecord(namespace, clusterName, direction, phase, sourceClusterWasPaused, objects, next);
  }
}
