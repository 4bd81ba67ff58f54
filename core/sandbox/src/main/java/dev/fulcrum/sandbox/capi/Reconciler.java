package dev.fulcrum.sandbox.capi;

import java.time.Duration;

/** Brings one object's world in line with its spec, reading the API afresh each time (level-based, idempotent). */
@FunctionalInterface
interface Reconciler {

  Result reconcile(ObjectKey key);

  /** What to do after a reconcile that did not fail. */
  record Result(Duration requeueAfter) {
    private static final Result DONE = new Result(null);

    /** Nothing to do until something changes. */
    static Result done() {
      return DONE;
    }

    /** Look again after {@code delay}, changed or not (a timer, a poll). */
    static Result after(Duration delay) {
      return new Result(delay);
    }

    /** The earlier of two requeues. */
    Result or(Result other) {
      if (requeueAfter == null) {
        return other;
      }
      if (other.requeueAfter == null) {
        return this;
      }
      return requeueAfter.compareTo(other.requeueAfter) <= 0 ? this : other;
    }
  }
}
