package dev.fulcrum.core.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.cluster.ClusterStatus;
import dev.fulcrum.core.cluster.Condition;
import dev.fulcrum.core.cluster.Phase;
import dev.fulcrum.core.steps.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A cluster's progress through the steps, for people: what the REST API's steps view and
 * {@code fulcrum cluster watch} show.
 *
 * @param project the project
 * @param name the cluster
 * @param phase {@code status.phase}; Pending before the engine first saw the cluster
 * @param step the step in progress (or the last, once all are done)
 * @param generation the spec generation stored
 * @param observedGeneration the spec generation the status describes; lower while the engine has
 *     not caught up with a change
 * @param steps every step, in order
 */
public record ClusterProgress(
    String project,
    String name,
    Phase phase,
    String step,
    long generation,
    long observedGeneration,
    List<StepProgress> steps) {

  public ClusterProgress {
    steps = List.copyOf(steps);
  }

  /** Where one step stands. */
  public enum State {
    /** Not reached yet. */
    Pending,
    /** Under way. */
    InProgress,
    /** Complete. */
    Done,
    /** Cannot proceed until the request changes. */
    Failed
  }

  /**
   * One step's progress.
   *
   * @param number 1-based position in the order of operations
   * @param name e.g. {@code RenderAndApply}
   * @param description what the step does
   * @param condition the condition type recording it
   * @param state where it stands
   * @param reason the condition's reason; empty if it has none yet
   * @param message the condition's message; empty if it has none yet
   * @param since when the condition last changed status; null if it has none yet
   */
  public record StepProgress(
      int number, String name, String description, String condition, State state, String reason, String message,
      Instant since) {}

  /** The progress a stored WorkloadCluster shows, for the given steps. */
  public static ClusterProgress of(JsonNode workloadCluster, List<Step> steps) {
    ClusterRef ref = ClusterRef.of(workloadCluster);
    ClusterStatus status = ClusterStatus.of(workloadCluster);
    Phase phase = status.phase().orElse(Phase.Pending);
    String currentName = status.step().orElse(steps.get(0).name());
    int current = 0;
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).name().equals(currentName)) {
        current = i;
      }
    }
    List<StepProgress> progress = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      Optional<Condition> condition = status.condition(step.conditionType());
      State state;
      if (phase == Phase.Deleting) {
        state = condition.filter(Condition::isTrue).isPresent() ? State.Done : State.Pending;
      } else if (phase == Phase.Running || i < current) {
        state = State.Done;
      } else if (i > current || status.phase().isEmpty()) {
        state = State.Pending;
      } else {
        state = phase == Phase.Failed ? State.Failed : State.InProgress;
      }
      progress.add(
          new StepProgress(
              i + 1,
              step.name(),
              step.description(),
              step.conditionType(),
              state,
              condition.map(Condition::reason).orElse(""),
              condition.map(Condition::message).orElse(""),
              condition.map(Condition::lastTransitionTime).orElse(null)));
    }
    return new ClusterProgress(
        ref.project(),
        ref.name(),
        phase,
        steps.get(current).name(),
        workloadCluster.at("/metadata/generation").asLong(0),
        status.observedGeneration(),
        progress);
  }

  /** Whether every step is done for the current spec. */
  @JsonIgnore
  public boolean isComplete() {
    return observedGeneration == generation && steps.stream().allMatch(step -> step.state() == State.Done);
  }

  /** Whether a step failed for the current spec: nothing happens until the request changes. */
  @JsonIgnore
  public boolean isFailed() {
    return observedGeneration == generation && phase == Phase.Failed;
  }
}
