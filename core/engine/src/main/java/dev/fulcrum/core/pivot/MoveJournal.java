package dev.fulcrum.core.pivot;

import java.util.Optional;

/**
 * Where a move records its progress: in the management cluster, never in the namespace being moved. Writes are
 * conditional on the revision last read or written, so two concurrent moves of one namespace cannot both proceed.
 */
public interface MoveJournal {

  /** The journal of the namespace's move, if one is in progress. */
  Optional<MoveRecord> load(String namespace);

  /**
   * Writes the record: creates the journal when the record has no revision, else replaces it if still at that
   * revision.
   *
   * @return the record at its new revision
   * @throws MoveJournalConflictException if another writer got there first
   */
  MoveRecord save(MoveRecord record);

  /** Deletes the journal once the move is done or undone; no error if it is already gone. */
  void delete(MoveRecord record);
}
