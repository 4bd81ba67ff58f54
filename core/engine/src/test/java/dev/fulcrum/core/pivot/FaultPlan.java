package dev.fulcrum.core.pivot;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One fault for one move: thrown once, at the call that matches, instead of making the call. Calls are numbered
 * across both clusters in the order they are made.
 */
final class FaultPlan {
  /** A "process kill": an Error the move must not catch. */
  static final class ProcessKill extends Error {
    private static final long serialVersionUID = 1L;

    ProcessKill(String where) {
      super("process killed at " + where);
    }
  }

  /** Which call fails. */
  @FunctionalInterface
  interface Trigger {
    /**
     * @param side {@code source} or {@code target}
     * @param index the call's index across both clusters, from 0
     * @param occurrence how many calls of this operation on this side came before it
     */
    boolean fires(String side, MoveApi.Operation operation, int index, int occurrence);
  }

  private final Trigger trigger;
  private final Supplier<? extends Throwable> fault;
  private final boolean afterTheCall;
  private final Map<String, EnumMap<MoveApi.Operation, Integer>> occurrences = new HashMap<>();
  private int calls;
  private boolean current;
  private boolean fired;

  /** A fault thrown instead of making the matching call. */
  FaultPlan(Trigger trigger, Supplier<? extends Throwable> fault) {
    this(trigger, fault, false);
  }

  /** @param afterTheCall whether the matching call is made and only its answer lost */
  FaultPlan(Trigger trigger, Supplier<? extends Throwable> fault, boolean afterTheCall) {
    this.trigger = trigger;
    this.fault = fault;
    this.afterTheCall = afterTheCall;
  }

  /** A RuntimeException instead of call {@code index}. */
  static FaultPlan failAt(int index) {
    return new FaultPlan((side, op, i, n) -> i == index,
        () -> new IllegalStateException("injected API failure at call " + index));
  }

  /** Call {@code index} is made, then a RuntimeException replaces its answer (a lost response). */
  static FaultPlan loseAnswerAt(int index) {
    return new FaultPlan((side, op, i, n) -> i == index,
        () -> new IllegalStateException("injected lost answer of call " + index), true);
  }

  /** A process kill at the {@code occurrence}-th (from 0) call of the operation on the side. */
  static FaultPlan killAt(String side, MoveApi.Operation operation, int occurrence) {
    return new FaultPlan((s, op, i, n) -> s.equals(side) && op == operation && n == occurrence,
        () -> new ProcessKill(side + " " + operation + " #" + occurrence));
  }

  MoveApi wrap(String side, MoveApi api) {
    return new InterceptingMoveApi(api) {
      @Override
      protected void beforeCall(Operation operation) {
        current = matches(side, operation);
        if (current && !afterTheCall) {
          fire();
        }
      }

      @Override
      protected void afterCall(Operation operation) {
        if (current && afterTheCall) {
          fire();
        }
      }
    };
  }

  boolean fired() {
    return fired;
  }

  private boolean matches(String side, MoveApi.Operation operation) {
    int occurrence = occurrences.computeIfAbsent(side, s -> new EnumMap<>(MoveApi.Operation.class))
        .merge(operation, 1, Integer::sum) - 1;
    int index = calls++;
    return !fired && trigger.fires(side, operation, index, occurrence);
  }

  private void fire() {
    fired = true;
    current = false;
    Throwable thrown = fault.get();
    if (thrown instanceof Error error) {
      throw error;
    }
    throw (RuntimeException) thrown;
  }
}
