package dev.fulcrum.core.pivot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulcrum.core.yaml.Mappers;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The pivot fault drill: an API failure at every call index of a clean move, and a process kill at several points.
 * Afterwards every object exists exactly once in exactly one cluster, no Cluster is paused, and a re-run completes.
 */
class MoveFaultDrillTest {
  private static PivotSandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = PivotSandbox.start();
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void anApiFailureAtEveryCallIndexLosesNothingAndLeavesNothingPaused() {
    drill("failure", FaultPlan::failAt);
  }

  @Test
  void aLostAnswerAtEveryCallIndexLosesNothingAndLeavesNothingPaused() {
    drill("lost answer", FaultPlan::loseAnswerAt);
  }

  /** For each call index of a clean move, a fresh cluster moved with that call's fault, then moved again. */
  private static void drill(String fault, IntFunction<FaultPlan> planAt) {
    int calls = cleanMoveCalls(fault.replace(' ', '-'));
    assertThat(calls).isGreaterThan(40);
    List<String> rolledBack = new ArrayList<>();
    for (int k = 0; k < calls; k++) {
      String cluster = fault.charAt(0) + "" + k;
      String namespace = "drill--" + cluster;
      sandbox.dockerExample(sandbox.management(), namespace, cluster);
      Set<String> expected = PivotSandbox.objects(sandbox.management(), namespace).keySet();
      FaultPlan plan = planAt.apply(k);
      try {
        new ClusterMove(sandbox.journal()).move(PivotSandbox.pivot(namespace, cluster),
            plan.wrap("source", sandbox.managementApi()), plan.wrap("target", sandbox.workloadApi()));
      } catch (MoveException e) {
        assertThat(e.getMessage()).as("%s at call %d", fault, k).containsAnyOf("rolled back", "nothing was changed");
        rolledBack.add(cluster);
      }
      assertThat(plan.fired()).as("%s at call %d fired", fault, k).isTrue();
      sandbox.assertEachObjectOnceAndNothingPaused(namespace, expected);

      new ClusterMove(sandbox.journal()).move(PivotSandbox.pivot(namespace, cluster), sandbox.managementApi(),
          sandbox.workloadApi());
      assertMovedCompletely(namespace, expected);
    }
    System.out.printf("pivot fault drill: a %s at each of %d calls; %d stopped or rolled back, %d finished in the"
        + " same run; every re-run completed%n", fault, calls, rolledBack.size(), calls - rolledBack.size());
    // A failure before the verification stops or rolls back; after it, the move finishes in the same run.
    assertThat(rolledBack).isNotEmpty().hasSizeLessThan(calls);
  }

  @Test
  void aProcessKillAtAnyPhaseIsResumedByTheNextRun() {
    List<FaultPlan> kills = List.of(
        FaultPlan.killAt("source", MoveApi.Operation.MERGE_PATCH, 0),  // while pausing
        FaultPlan.killAt("target", MoveApi.Operation.ENSURE_NAMESPACE, 0),  // right after the pause
        FaultPlan.killAt("target", MoveApi.Operation.CREATE, 7),  // mid-create
        FaultPlan.killAt("target", MoveApi.Operation.LIST, 3),  // mid-verify
        FaultPlan.killAt("source", MoveApi.Operation.JSON_PATCH, 0),  // after verify and commit
        FaultPlan.killAt("source", MoveApi.Operation.DELETE, 6),  // mid-delete
        FaultPlan.killAt("target", MoveApi.Operation.MERGE_PATCH, 0));  // before the unpause
    for (int i = 0; i < kills.size(); i++) {
      String cluster = "k" + i;
      String namespace = "drill--" + cluster;
      sandbox.dockerExample(sandbox.management(), namespace, cluster);
      Set<String> expected = PivotSandbox.objects(sandbox.management(), namespace).keySet();
      FaultPlan kill = kills.get(i);

      assertThatThrownBy(() -> new ClusterMove(sandbox.journal()).move(PivotSandbox.pivot(namespace, cluster),
          kill.wrap("source", sandbox.managementApi()), kill.wrap("target", sandbox.workloadApi())))
          .isInstanceOf(FaultPlan.ProcessKill.class);
      assertThat(sandbox.journal().load(namespace)).as("journal left by kill %d", i).isPresent();

      MoveResult resumed = new ClusterMove(new ConfigMapMoveJournal(sandbox.management()))
          .move(PivotSandbox.pivot(namespace, cluster), sandbox.managementApi(), sandbox.workloadApi());
      assertThat(resumed.resumedFrom()).as("kill %d", i).isPresent();
      assertThat(resumed.moved()).hasSize(expected.size());
      assertMovedCompletely(namespace, expected);
    }
  }

  @Test
  void aProcessKillDuringARollbackIsFinishedByTheNextRunWhichThenMoves() {
    String namespace = "drill--rb";
    sandbox.dockerExample(sandbox.management(), namespace, "rb");
    Set<String> expected = PivotSandbox.objects(sandbox.management(), namespace).keySet();
    // Every create fails (the rollback starts), and the rollback is killed at its first delete of a target copy.
    FaultPlan failingCreates = new FaultPlan((side, op, i, n) -> op == MoveApi.Operation.CREATE && n == 4,
        () -> new IllegalStateException("injected"));
    FaultPlan killInRollback = FaultPlan.killAt("target", MoveApi.Operation.DELETE, 1);
    MoveApi target = killInRollback.wrap("target", failingCreates.wrap("target", sandbox.workloadApi()));
    MoveApi source = killInRollback.wrap("source", failingCreates.wrap("source", sandbox.managementApi()));

    assertThatThrownBy(() -> new ClusterMove(sandbox.journal()).move(PivotSandbox.pivot(namespace, "rb"), source,
        target)).isInstanceOf(FaultPlan.ProcessKill.class);
    assertThat(sandbox.journal().load(namespace)).get().extracting(MoveRecord::phase)
        .isEqualTo(MovePhase.ROLLING_BACK);

    MoveResult result = new ClusterMove(sandbox.journal()).move(PivotSandbox.pivot(namespace, "rb"),
        sandbox.managementApi(), sandbox.workloadApi());
    assertThat(result.resumedFrom()).contains(MovePhase.ROLLING_BACK);
    assertThat(result.phases()).containsExactly(MovePhase.ROLLED_BACK, MovePhase.PLANNED, MovePhase.CREATING,
        MovePhase.DELETING, MovePhase.DONE);
    assertMovedCompletely(namespace, expected);
  }

  @Test
  void movingBackWhileAnUncommittedPivotIsJournaledUndoesThePivot() {
    String namespace = "drill--undo";
    sandbox.dockerExample(sandbox.management(), namespace, "undo");
    Set<String> expected = PivotSandbox.objects(sandbox.management(), namespace).keySet();
    FaultPlan kill = FaultPlan.killAt("target", MoveApi.Operation.CREATE, 7);
    assertThatThrownBy(() -> new ClusterMove(sandbox.journal()).move(PivotSandbox.pivot(namespace, "undo"),
        kill.wrap("source", sandbox.managementApi()), kill.wrap("target", sandbox.workloadApi())))
        .isInstanceOf(FaultPlan.ProcessKill.class);

    MoveResult back = new ClusterMove(sandbox.journal()).move(PivotSandbox.back(namespace, "undo"),
        sandbox.workloadApi(), sandbox.managementApi());

    assertThat(back.resumedFrom()).contains(MovePhase.CREATING);
    assertThat(back.phases()).containsExactly(MovePhase.ROLLING_BACK, MovePhase.ROLLED_BACK);
    assertThat(back.nothingToMove()).isTrue();
    assertThat(PivotSandbox.objects(sandbox.workload(), namespace)).isEmpty();
    sandbox.assertEachObjectOnceAndNothingPaused(namespace, expected);
    assertThat(sandbox.journal().load(namespace)).isEmpty();
  }

  @Test
  void movingBackWhileACommittedPivotIsJournaledFinishesThePivotFirst() {
    String namespace = "drill--finish";
    sandbox.dockerExample(sandbox.management(), namespace, "finish");
    Set<String> expected = PivotSandbox.objects(sandbox.management(), namespace).keySet();
    FaultPlan kill = FaultPlan.killAt("source", MoveApi.Operation.DELETE, 3);
    assertThatThrownBy(() -> new ClusterMove(sandbox.journal()).move(PivotSandbox.pivot(namespace, "finish"),
        kill.wrap("source", sandbox.managementApi()), kill.wrap("target", sandbox.workloadApi())))
        .isInstanceOf(FaultPlan.ProcessKill.class);

    // The pivot is finished; the move back then waits for the workload's controllers to report the cluster.
    assertThatThrownBy(() -> new ClusterMove(sandbox.journal()).move(PivotSandbox.back(namespace, "finish"),
        sandbox.workloadApi(), sandbox.managementApi()))
        .isInstanceOf(MovePreflightException.class);
    assertMovedCompletely(namespace, expected);

    PivotSandbox.reportProvisioned(sandbox.workload(), namespace, "finish");
    MoveResult back = new ClusterMove(sandbox.journal()).move(PivotSandbox.back(namespace, "finish"),
        sandbox.workloadApi(), sandbox.managementApi());
    assertThat(back.moved()).hasSize(expected.size());
    assertThat(PivotSandbox.objects(sandbox.workload(), namespace)).isEmpty();
    sandbox.assertEachObjectOnceAndNothingPaused(namespace, expected);
  }

  @Test
  void theJournalIsAConfigMapInTheManagementClusterRecordingTheMoveSetAndItsProgress() {
    String namespace = "drill--journal";
    sandbox.dockerExample(sandbox.management(), namespace, "journal");
    FaultPlan kill = FaultPlan.killAt("target", MoveApi.Operation.CREATE, 5);
    assertThatThrownBy(() -> new ClusterMove(sandbox.journal()).move(PivotSandbox.pivot(namespace, "journal"),
        kill.wrap("source", sandbox.managementApi()), kill.wrap("target", sandbox.workloadApi())))
        .isInstanceOf(FaultPlan.ProcessKill.class);

    ConfigMap stored = sandbox.management().configMaps().inNamespace("fulcrum-system").withName("move-" + namespace)
        .get();
    JsonNode journal = Mappers.json().readTree(stored.getData().get(ConfigMapMoveJournal.DATA_KEY));
    System.out.println("pivot journal after a kill at the 6th create: " + journal);
    assertThat(journal.path("direction").asString()).isEqualTo("TO_WORKLOAD");
    assertThat(journal.path("phase").asString()).isEqualTo("CREATING");
    assertThat(journal.path("sourceClusterWasPaused").asBoolean(true)).isFalse();
    assertThat(journal.path("objects")).hasSize(14);
    JsonNode first = journal.path("objects").get(0);
    assertThat(first.at("/type/kind").asString()).isEqualTo("Cluster");
    assertThat(first.at("/type/plural").asString()).isEqualTo("clusters");
    assertThat(first.path("sourceUid").asString()).isNotEmpty();
    assertThat(first.path("targetUid").asString()).as("the first group's copy is journaled").isNotEmpty();
    assertThat(journal.path("objects").get(13).has("targetUid")).as("the last group is not created yet").isFalse();
    assertThat(stored.getData().get(ConfigMapMoveJournal.DATA_KEY)).doesNotContain("c2VjcmV0LXZhbHVl");
    assertThat(PivotSandbox.objects(sandbox.management(), namespace)).as("never in the moved namespace")
        .doesNotContainKey("ConfigMap move-" + namespace);

    new ClusterMove(sandbox.journal()).move(PivotSandbox.pivot(namespace, "journal"), sandbox.managementApi(),
        sandbox.workloadApi());
    assertThat(sandbox.management().configMaps().inNamespace("fulcrum-system").withName("move-" + namespace).get())
        .isNull();
  }

  @Test
  void aConcurrentMoveOfTheSameNamespaceIsRefusedByTheJournal() {
    String namespace = "drill--twice";
    sandbox.dockerExample(sandbox.management(), namespace, "twice");
    MoveJournal journal = sandbox.journal();
    MoveRecord first = journal.save(new MoveRecord(namespace, "twice", MoveDirection.TO_WORKLOAD, MovePhase.PLANNED,
        false, List.of(), null));
    journal.save(first.withPhase(MovePhase.CREATING));

    assertThatThrownBy(() -> journal.save(first.withPhase(MovePhase.DELETING)))
        .isInstanceOf(MoveJournalConflictException.class).hasMessageContaining("another move of namespace");
    assertThatThrownBy(() -> journal.save(first.withRevision(null)))
        .isInstanceOf(MoveJournalConflictException.class);
    journal.delete(first);
  }

  private static int cleanMoveCalls(String name) {
    String namespace = "drill--" + name;
    sandbox.dockerExample(sandbox.management(), namespace, name);
    CountingMoveApi source = new CountingMoveApi(sandbox.managementApi());
    CountingMoveApi target = new CountingMoveApi(sandbox.workloadApi());
    MoveResult result = new ClusterMove(sandbox.journal()).move(PivotSandbox.pivot(namespace, name), source,
        target);
    assertThat(source.total() + target.total()).isEqualTo(result.apiCalls() - result.journalCalls());
    return source.total() + target.total();
  }

  private static void assertMovedCompletely(String namespace, Set<String> expected) {
    assertThat(PivotSandbox.objects(sandbox.management(), namespace)).isEmpty();
    assertThat(PivotSandbox.objects(sandbox.workload(), namespace).keySet()).isEqualTo(expected);
    sandbox.assertEachObjectOnceAndNothingPaused(namespace, expected);
    assertThat(sandbox.journal().load(namespace)).isEmpty();
  }
}
