package dev.fulcrum.core.steps;

import java.util.Objects;

/**
 * What a step reports: its result, a CamelCase reason and a message for people. They become the
 * step's condition.
 *
 * @param result done, waiting or failed
 * @param reason e.g. {@code WaitingForNode}
 * @param message e.g. {@code Machine dev-1-control-plane-x7k2p is Provisioned and has no node yet}
 */
public record StepOutcome(Result result, String reason, String message) {
  public StepOutcome {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  /** The step's result. */
  public enum Result {
    /** The step is complete; the next one may run. */
    DONE,
    /** The step is under way, waiting for something outside the engine; it is looked at again soon. */
    WAITING,
    /** The step cannot proceed until the request changes (for example, the request is invalid). */
    FAILED
  }

  public static StepOutcome done(String reason, String message) {
    return new StepOutcome(Result.DONE, reason, message);
  }

  public static StepOutcome waiting(String reason, String message) {
    return new StepOutcome(Result.WAITING, reason, message);
  }

  public static StepOutcome failed(String reason, String message) {
    return new StepOutcome(Result.FAILED, reason, message);
  }

  public boolean isDone() {
    return result == Result.DONE;
  }
}
