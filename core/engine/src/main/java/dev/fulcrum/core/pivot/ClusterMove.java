package dev.fulcrum.core.pivot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Moves one cluster's namespace of Cluster API objects between two clusters with {@code clusterctl move} semantics
 * (capi-contracts §5), journaled, verified and economical:
 * <ol>
 *   <li>discover the requested providers' labelled kinds plus Secrets and ConfigMaps in the namespace; build the
 *       owner graph with soft owners; refuse, before changing anything, when an object fits no moved graph or the
 *       cluster is not provisioned;</li>
 *   <li>journal the move set, then pause the source Cluster and wait for block-move annotations to go;</li>
 *   <li>create the copies group by group with ownerReferences pointing at the target UIDs (status and server-set
 *       metadata dropped; an existing copy is updated), journaling each group;</li>
 *   <li>verify every copy on the target before anything is deleted, then journal the commit;</li>
 *   <li>delete the source objects in reverse order (delete-for-move annotation, finalizers cleared);</li>
 *   <li>unpause the target Cluster (unless it was paused before the move) and delete the journal.</li>
 * </ol>
 * A failure before the commit rolls back in the same run (target copies deleted, source unpaused); a failure after
 * it is retried forward. A run that finds a journal resumes that move first (after a process kill at any point); a
 * run after a completed move finds the Cluster on the target and nothing in the source, and reports nothing to move.
 * Instances are stateless between calls and may be reused.
 */
public final class ClusterMove {
  /** How long a move waits, by default, for providers to remove the block-move annotation (as clusterctl). */
  public static final Duration DEFAULT_BLOCK_MOVE_TIMEOUT = Duration.ofMinutes(2);

  private static final int DEFAULT_ATTEMPTS = 3;

  /** How persistent a move is within one run. */
  record Settings(int attempts, Duration blockMoveTimeout) {}

  private final MoveJournal journal;
  private final Settings settings;

  /** A move that tries a rollback or the work after the commit up to three times within a run. */
  public ClusterMove(MoveJournal journal) {
    this(journal, DEFAULT_ATTEMPTS, DEFAULT_BLOCK_MOVE_TIMEOUT);
  }

  /**
   * @param attempts how often a rollback or the work after the commit is tried within one run (at least 1)
   * @param blockMoveTimeout how long to wait, after pausing, for every {@code clusterctl.cluster.x-k8s.io/block-move}
   *     annotation to go; then the move rolls back
   */
  public ClusterMove(MoveJournal journal, int attempts, Duration blockMoveTimeout) {
    this.journal = Objects.requireNonNull(journal, "journal");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts: must be at least 1, got " + attempts);
    }
    if (blockMoveTimeout == null || blockMoveTimeout.isNegative()) {
      throw new IllegalArgumentException("blockMoveTimeout: must be zero or positive, got " + blockMoveTimeout);
    }
    this.settings = new Settings(attempts, blockMoveTimeout);
  }

  /**
   * Runs or resumes the move of the request's namespace.
   *
   * @param source the cluster the request's direction moves from
   * @param target the cluster it moves to
   * @throws UnmovableObjectsException if the namespace holds objects that fit no moved graph (nothing changed)
   * @throws MovePreflightException if the cluster is not ready to move (nothing changed)
   * @throws MoveException if the move failed; its message says what state both clusters are in
   */
  public MoveResult move(MoveRequest request, MoveApi source, MoveApi target) {
    return new Run(request, new CountingMoveApi(source), new CountingMoveApi(target)).execute();
  }

  /** One call of {@link #move}, with its counters. */
  private final class Run {
    private final MoveRequest request;
    private final CountingMoveApi source;
    private final CountingMoveApi target;
    private final CountingMoveJournal countingJournal = new CountingMoveJournal(journal);
    private final List<MovePhase> phases = new ArrayList<>();

    Run(MoveRequest request, CountingMoveApi source, CountingMoveApi target) {
      this.request = request;
      this.source = source;
      this.target = target;
    }

    MoveResult execute() {
      Optional<MoveRecord> found = countingJournal.load(request.namespace());
      if (found.isPresent()) {
        MoveRecord record = found.get();
        if (!record.clusterName().equals(request.clusterName())) {
          throw new MoveException("namespace " + request.namespace() + " has a move journal for Cluster "
              + record.clusterName() + ", not " + request.clusterName() + "; nothing was changed");
        }
        boolean sameDirection = record.direction() == request.direction();
        JournaledTransfer transfer = new JournaledTransfer(record, sameDirection ? source : target,
            sameDirection ? target : source, countingJournal, settings, phases, Map.of());
        if (sameDirection && record.phase() != MovePhase.ROLLING_BACK) {
          transfer.complete();
          return result(record, Optional.of(record.phase()));
        }
        // An undone or opposite move: settle it (undo unless already committed), then move as asked.
        if (record.phase() == MovePhase.DELETING) {
          transfer.complete();
        } else {
          transfer.undo();
        }
        return fresh(Optional.of(record.phase()));
      }
      return fresh(Optional.empty());
    }

    private MoveResult fresh(Optional<MovePhase> resumedFrom) {
      NamespaceDiscovery.Discovered discovered;
      try {
        discovered = NamespaceDiscovery.discover(source, request.namespace(), request.apiGroups());
      } catch (RuntimeException e) {
        throw new MoveException("nothing was changed: reading namespace " + request.namespace()
            + " in the source cluster failed; run the move again. Cause: " + e.getMessage(), e);
      }
      Optional<MoveGraph> found = MoveGraph.of(request.clusterName(), discovered);
      if (found.isEmpty()) {
        return nothingToMove(discovered, resumedFrom);
      }
      MoveGraph graph = found.get();
      if (!graph.unmovable().isEmpty()) {
        throw UnmovableObjectsException.outsideTheGraph(request.namespace(), graph.unmovable());
      }
      List<SourceObject> moveSet = graph.groups().stream().flatMap(List::stream).toList();
      List<String> violations = new ArrayList<>(graph.problems());
      violations.addAll(ProvisioningPreflight.violations(moveSet));
      if (!violations.isEmpty()) {
        throw new MovePreflightException(request.namespace(), violations);
      }
      List<JournalEntry> entries = new ArrayList<>();
      Map<String, ObjectNode> contents = new HashMap<>();
      for (int group = 0; group < graph.groups().size(); group++) {
        for (SourceObject object : graph.groups().get(group)) {
          entries.add(new JournalEntry(group, object.type(), object.name(), object.uid(), null));
          contents.put(JournaledTransfer.key(object.type(), object.name()), object.object());
        }
      }
      boolean wasPaused = graph.cluster().object().at("/spec/paused").asBoolean(false);
      MoveRecord record = countingJournal.save(new MoveRecord(request.namespace(), request.clusterName(),
          request.direction(), MovePhase.PLANNED, wasPaused, entries, null));
      phases.add(MovePhase.PLANNED);
      new JournaledTransfer(record, source, target, countingJournal, settings, phases, contents).complete();
      return result(record, resumedFrom);
    }

    /**
     * No such Cluster in the source: fine if the source namespace is empty and the target has the Cluster (the move
     * already happened); anything else is reported rather than called a success (P1).
     */
    private MoveResult nothingToMove(NamespaceDiscovery.Discovered discovered, Optional<MovePhase> resumedFrom) {
      String cluster = "Cluster " + request.namespace() + "/" + request.clusterName();
      if (!discovered.objects().isEmpty()) {
        throw UnmovableObjectsException.withoutTheirCluster(request.namespace(), request.clusterName(),
            discovered.objects().stream().map(SourceObject::describe).sorted().toList());
      }
      ResourceType clusterType = discovered.types().stream().filter(Clusterctl::isCluster).findFirst()
          .orElseThrow(() -> new MoveException("nothing was changed: no CRD labelled " + Clusterctl.CRD_LABEL
              + " defines the Cluster kind in the requested groups " + request.apiGroups()));
      boolean onTarget;
      try {
        onTarget = target.get(clusterType, request.namespace(), request.clusterName()).isPresent();
      } catch (RuntimeException e) {
        throw new MoveException("nothing was changed: looking for " + cluster + " in the target cluster failed; run"
            + " the move again. Cause: " + e.getMessage(), e);
      }
      if (!onTarget) {
        throw new MoveException("nothing was changed: " + cluster + " exists in neither cluster");
      }
      return new MoveResult(List.of(), source.counts(), target.counts(), countingJournal.calls(), phases,
          resumedFrom);
    }

    private MoveResult result(MoveRecord record, Optional<MovePhase> resumedFrom) {
      return new MoveResult(record.objects().stream().map(JournalEntry::describe).toList(), source.counts(),
          target.counts(), countingJournal.calls(), phases, resumedFrom);
    }
  }
}
