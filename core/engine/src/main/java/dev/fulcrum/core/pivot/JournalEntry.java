package dev.fulcrum.core.pivot;

import java.util.Objects;

/**
 * One object of a move set, as the journal records it.
 *
 * @param group the creation group (owners are in lower groups); objects are created by ascending and deleted by
 *     descending group
 * @param type the object's resource type
 * @param name the object's name (in the moved namespace)
 * @param sourceUid the object's UID in the source cluster
 * @param targetUid its copy's UID in the target cluster; null until the copy is known
 */
public record JournalEntry(int group, ResourceType type, String name, String sourceUid, String targetUid) {
  public JournalEntry {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sourceUid, "sourceUid");
  }

  /** The same entry with the copy's UID. */
  public JournalEntry withTargetUid(String uid) {
    return new JournalEntry(group, type, name, sourceUid, uid);
  }

  /** {@code Kind name}, for results and messages. */
  public String describe() {
    return type.kind() + " " + name;
  }
}
