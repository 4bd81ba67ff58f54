package dev.fulcrum.core.pivot;

import dev.fulcrum.core.yaml.Mappers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Carries one journaled move set from one cluster to the other, from whatever phase its record is in: pause, create
 * group by group, verify, then (committed) delete from the source and unpause the target. A failure before the
 * commit rolls back in the same run; one after it is retried forward. Errors are never caught: a process kill leaves
 * the journal to the next run.
 */
final class JournaledTransfer {
  private final MoveJournal journal;
  private final int attempts;
  private final Duration blockMoveTimeout;
  private final MoveApi from;
  private final MoveApi to;
  private final List<MovePhase> phases;
  /** Current source contents by {@link #key}, for the objects still on the source. */
  private final Map<String, ObjectNode> sourceContents;
  private MoveRecord record;

  /**
   * @param sourceContents the source objects as just read, by {@link #key}; empty to read them from the source
   */
  JournaledTransfer(MoveRecord record, MoveApi from, MoveApi to, MoveJournal journal, ClusterMove.Settings settings,
      List<MovePhase> phases, Map<String, ObjectNode> sourceContents) {
    this.record = record;
    this.from = from;
    this.to = to;
    this.journal = journal;
    this.attempts = settings.attempts();
    this.blockMoveTimeout = settings.blockMoveTimeout();
    this.phases = phases;
    this.sourceContents = new HashMap<>(sourceContents);
  }

  static String key(ResourceType type, String name) {
    return type.apiVersion() + "/" + type.kind() + "/" + name;
  }

  MoveRecord record() {
    return record;
  }

  /** Takes the move to the end: copied, verified, deleted from the source, target unpaused, journal deleted. */
  void complete() {
    if (record.phase() == MovePhase.ROLLING_BACK) {
      throw new IllegalStateException("a move that is rolling back is undone, not completed");
    }
    if (record.phase() != MovePhase.DELETING) {
      copyAndVerifyOrRollBack();
    }
    finishForward();
  }

  private void copyAndVerifyOrRollBack() {
    try {
      if (sourceContents.isEmpty()) {
        readSource(true);
      }
      pause();
      BlockMoveWait.await(from, record, sourceContents, blockMoveTimeout);
      createAll();
      verify();
      record = journal.save(record.withPhase(MovePhase.DELETING));
      phases.add(MovePhase.DELETING);
    } catch (MoveJournalConflictException e) {
      throw e;
    } catch (RuntimeException e) {
      try {
        undo();
      } catch (MoveException rollbackFailed) {
        rollbackFailed.addSuppressed(e);
        throw rollbackFailed;
      }
      throw new MoveException("the move of namespace " + record.namespace() + " failed before anything was deleted"
          + " from the source, and was rolled back: the target copies are deleted and the source Cluster is "
          + (record.sourceClusterWasPaused() ? "paused as it was before" : "unpaused")
          + "; run the move again to retry. Cause: " + e.getMessage(), e);
    }
  }

  private void finishForward() {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        if (attempt > 1 || sourceContents.isEmpty()) {
          readSource(false);
        }
        deleteFromSource();
        unpause(to);
        journal.delete(record);
        phases.add(MovePhase.DONE);
        return;
      } catch (MoveJournalConflictException e) {
        throw e;
      } catch (RuntimeException e) {
        last = e;
      }
    }
    throw new MoveException("the move of namespace " + record.namespace() + " copied and verified every object on"
        + " the target, but deleting the source copies or unpausing the target failed " + attempts + " times; the"
        + " journal is at phase DELETING and the moved Cluster may still be paused: run the move again to finish"
        + " it. Cause: " + last.getMessage(), last);
  }

  /**
   * Undoes the move before its commit: deletes the target copies, unpauses the source Cluster (unless it was paused
   * before), deletes the journal.
   *
   * @throws MoveException if that keeps failing; the journal is then at {@link MovePhase#ROLLING_BACK}
   */
  void undo() {
    if (record.phase() == MovePhase.DELETING) {
      throw new IllegalStateException("a move past its verification is finished, not undone");
    }
    if (record.phase() != MovePhase.ROLLING_BACK) {
      record = journal.save(record.withPhase(MovePhase.ROLLING_BACK));
      phases.add(MovePhase.ROLLING_BACK);
    }
    RuntimeException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        deleteTargetCopies();
        unpause(from);
        journal.delete(record);
        phases.add(MovePhase.ROLLED_BACK);
        return;
      } catch (MoveJournalConflictException e) {
        throw e;
      } catch (RuntimeException e) {
        last = e;
      }
    }
    throw new MoveException("rolling back the move of namespace " + record.namespace() + " failed " + attempts
        + " times; nothing was deleted from the source, but target copies may remain and the source Cluster may be"
        + " paused; the journal is at phase ROLLING_BACK: run the move again to finish the rollback. Cause: "
        + last.getMessage(), last);
  }

  /**
   * Reads the journaled objects still on the source (one list per kind).
   *
   * @param all whether every journaled object must still be there (nothing was deleted yet)
   */
  private void readSource(boolean all) {
    sourceContents.clear();
    List<String> missing = new ArrayList<>();
    Map<String, ObjectNode> found = listByKey(from);
    for (JournalEntry entry : record.objects()) {
      ObjectNode object = found.get(key(entry.type(), entry.name()));
      if (object != null && object.at("/metadata/uid").asString("").equals(entry.sourceUid())) {
        sourceContents.put(key(entry.type(), entry.name()), object);
      } else if (all) {
        missing.add(entry.describe());
      }
    }
    if (!missing.isEmpty()) {
      throw new MoveException("objects recorded in the journal are gone from the source although the move deleted"
          + " nothing yet (deleted or replaced by someone else): " + String.join(", ", missing));
    }
  }

  private void pause() {
    JournalEntry cluster = clusterEntry();
    ObjectNode patch = Mappers.json().createObjectNode();
    patch.putObject("spec").put("paused", true);
    ObjectNode paused = from.mergePatch(cluster.type(), record.namespace(), cluster.name(), patch)
        .orElseThrow(() -> new MoveException("Cluster " + record.namespace() + "/" + cluster.name()
            + " disappeared from the source before it could be paused"));
    sourceContents.put(key(cluster.type(), cluster.name()), paused);
  }

  private void createAll() {
    if (record.phase() == MovePhase.PLANNED) {
      phases.add(MovePhase.CREATING);
    }
    to.ensureNamespace(record.namespace());
    List<JournalEntry> entries = new ArrayList<>(record.objects());
    Map<String, String> targetUids = new HashMap<>();
    entries.stream().filter(e -> e.targetUid() != null).forEach(e -> targetUids.put(e.sourceUid(), e.targetUid()));
    boolean unsaved = false;
    for (int i = 0; i < entries.size(); i++) {
      JournalEntry entry = entries.get(i);
      if (unsaved && entry.group() != entries.get(i - 1).group()) {
        // One journal write per group: a resumed run re-creates at most one group (AlreadyExists → update).
        record = journal.save(record.withPhase(MovePhase.CREATING).withObjects(entries));
        unsaved = false;
      }
      if (entry.targetUid() != null) {
        continue;
      }
      ObjectNode copy = TargetCopies.copy(entry.type(), sourceContents.get(key(entry.type(), entry.name())),
          targetUids);
      ObjectNode stored = to.create(entry.type(), copy).orElseGet(() -> replace(entry, copy));
      String uid = stored.at("/metadata/uid").asString("");
      targetUids.put(entry.sourceUid(), uid);
      entries.set(i, entry.withTargetUid(uid));
      unsaved = true;
    }
    record = journal.save(record.withPhase(MovePhase.CREATING).withObjects(entries));
  }

  /** An earlier, interrupted run created the copy: update it in place (capi-contracts §5.3 step 8). */
  private ObjectNode replace(JournalEntry entry, ObjectNode copy) {
    ObjectNode existing = to.get(entry.type(), record.namespace(), entry.name())
        .orElseThrow(() -> new MoveException(entry.describe() + " already existed on the target and then vanished"));
    ObjectNode metadata = (ObjectNode) copy.get("metadata");
    metadata.put("uid", existing.at("/metadata/uid").asString(""));
    metadata.put("resourceVersion", existing.at("/metadata/resourceVersion").asString(""));
    return to.update(entry.type(), copy);
  }

  /** Every journaled object is on the target with its recorded UID, and owned only by moved copies. */
  private void verify() {
    Map<String, ObjectNode> onTarget = listByKey(to);
    List<String> problems = new ArrayList<>();
    List<JournalEntry> entries = new ArrayList<>(record.objects());
    Set<String> targetUids = new LinkedHashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      JournalEntry entry = entries.get(i);
      ObjectNode copy = onTarget.get(key(entry.type(), entry.name()));
      if (copy == null) {
        problems.add(entry.describe() + " is missing");
        continue;
      }
      String uid = copy.at("/metadata/uid").asString("");
      if (entry.targetUid() != null && !entry.targetUid().equals(uid)) {
        problems.add(entry.describe() + " has UID " + uid + ", not the copy's " + entry.targetUid());
      }
      targetUids.add(uid);
      entries.set(i, entry.withTargetUid(uid));
    }
    for (JournalEntry entry : entries) {
      ObjectNode copy = onTarget.get(key(entry.type(), entry.name()));
      for (JsonNode owner : copy == null ? List.<JsonNode>of() : copy.at("/metadata/ownerReferences").values()) {
        if (!targetUids.contains(owner.path("uid").asString(""))) {
          problems.add(entry.describe() + " has an ownerReference to " + owner.path("kind").asString("") + " "
              + owner.path("name").asString("") + " that points at no moved copy");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new MoveException("verification on the target failed: " + String.join("; ", problems));
    }
    record = record.withObjects(entries);
  }

  private void deleteFromSource() {
    List<JournalEntry> entries = record.objects();
    for (int i = entries.size() - 1; i >= 0; i--) {
      JournalEntry entry = entries.get(i);
      String key = key(entry.type(), entry.name());
      ObjectNode current = sourceContents.get(key);
      if (current != null) {
        MoveDeletion.retire(from, record.namespace(), entry.type(), entry.name(), entry.sourceUid(), current);
        sourceContents.remove(key);
      }
    }
  }

  private void deleteTargetCopies() {
    Map<String, ObjectNode> onTarget = listByKey(to);
    List<JournalEntry> entries = record.objects();
    for (int i = entries.size() - 1; i >= 0; i--) {
      JournalEntry entry = entries.get(i);
      ObjectNode copy = onTarget.get(key(entry.type(), entry.name()));
      if (copy != null) {
        String uid = copy.at("/metadata/uid").asString("");
        // A copy created right before a crash has no recorded UID; whatever holds its name on the target is it.
        if (entry.targetUid() == null || entry.targetUid().equals(uid)) {
          MoveDeletion.retire(to, record.namespace(), entry.type(), entry.name(), uid, copy);
        }
      }
    }
  }

  /** Removes {@code spec.paused} from the Cluster, unless it was paused before the move. */
  private void unpause(MoveApi api) {
    if (record.sourceClusterWasPaused()) {
      return;
    }
    JournalEntry cluster = clusterEntry();
    ObjectNode patch = Mappers.json().createObjectNode();
    patch.putObject("spec").putNull("paused");
    Optional<ObjectNode> unpaused = api.mergePatch(cluster.type(), record.namespace(), cluster.name(), patch);
    if (unpaused.isEmpty() && api == to) {
      throw new MoveException("Cluster " + record.namespace() + "/" + cluster.name()
          + " disappeared from the target before it could be unpaused");
    }
  }

  private JournalEntry clusterEntry() {
    return record.objects().stream()
        .filter(e -> Clusterctl.isCluster(e.type()) && e.name().equals(record.clusterName()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the journal of namespace " + record.namespace()
            + " records no Cluster " + record.clusterName()));
  }

  /** The objects of the journaled kinds in one cluster (one list per kind), by {@link #key}. */
  private Map<String, ObjectNode> listByKey(MoveApi api) {
    Set<ResourceType> types = new LinkedHashSet<>();
    record.objects().forEach(e -> types.add(e.type()));
    Map<String, ObjectNode> byKey = new LinkedHashMap<>();
    for (ResourceType type : types) {
      for (ObjectNode object : api.list(type, record.namespace())) {
        byKey.put(key(type, object.at("/metadata/name").asString("")), object);
      }
    }
    return byKey;
  }
}
