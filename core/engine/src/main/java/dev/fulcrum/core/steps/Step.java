package dev.fulcrum.core.steps;

/**
 * One step of the order of operations (DESIGN.md §1). A step is level-based and idempotent: it looks
 * at the world as it is, does what is missing, and says whether it is done. Running it again, after
 * a crash or on every resync, changes nothing that is already right.
 */
public abstract class Step {
  private final String name;
  private final String conditionType;
  private final String description;

  /**
   * @param name the step's name, as {@code status.step} shows it, e.g. {@code RenderAndApply}
   * @param conditionType the condition type that records the step's progress, e.g. {@code ObjectsApplied}
   * @param description what the step does, in a few words, for people
   */
  protected Step(String name, String conditionType, String description) {
    this.name = name;
    this.conditionType = conditionType;
    this.description = description;
  }

  /** The step's name, as {@code status.step} shows it, e.g. {@code RenderAndApply}. */
  public final String name() {
    return name;
  }

  /** The condition type that records the step's progress, e.g. {@code ObjectsApplied}. */
  public final String conditionType() {
    return conditionType;
  }

  /** What the step does, in a few words, for people. */
  public final String description() {
    return description;
  }

  /**
   * Brings the cluster one step further, as far as this step goes.
   *
   * @param cluster the cluster; steps before this one are done
   * @return whether the step is done, waiting for something, or cannot proceed
   */
  public abstract StepOutcome reconcile(WorkloadClusterState cluster);
}
