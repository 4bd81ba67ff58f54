package dev.fulcrum.core.steps;

/**
 * One step of the order of operations (DESIGN.md §1). A step is level-based and idempotent: it looks
 * at the world as it is, does what is missing, and says whether it is done. Running it again, after
 * a crash or on every resync, changes nothing that is already right.
 */
public interface Step {
  /** The step's name, as {@code status.step} shows it, e.g. {@code RenderAndApply}. */
  String name();

  /** The condition type that records the step's progress, e.g. {@code ObjectsApplied}. */
  String conditionType();

  /** What the step does, in a few words, for people. */
  String description();

  /**
   * Brings the cluster one step further, as far as this step goes.
   *
   * @param cluster the cluster; steps before this one are done
   * @return whether the step is done, waiting for something, or cannot proceed
   */
  StepOutcome reconcile(WorkloadClusterState cluster);
}
