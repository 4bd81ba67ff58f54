package dev.fulcrum.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an add-on layer may take to become ready, and how a failed layer is retried: after
 * {@code firstRetry}, doubling with each further failure up to {@code maxRetry}.
 *
 * @param readyTimeout from applying a layer to every object of it being ready
 * @param firstRetry the wait after a layer's first failure
 * @param maxRetry the longest wait between attempts
 */
public record AddonTimings(Duration readyTimeout, Duration firstRetry, Duration maxRetry) {

  /** Five minutes to become ready; retries after 10 s, 20 s, … at most every 5 minutes. */
  public static final AddonTimings DEFAULTS =
      new AddonTimings(Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofMinutes(5));

  public AddonTimings {
    Objects.requireNonNull(readyTimeout, "readyTimeout");
    Objects.requireNonNull(firstRetry, "firstRetry");
    Objects.requireNonNull(maxRetry, "maxRetry");
    if (readyTimeout.isNegative() || readyTimeout.isZero() || firstRetry.isNegative() || firstRetry.isZero()
        || maxRetry.compareTo(firstRetry) < 0) {
      throw new IllegalArgumentException("add-on timings must be positive and maxRetry >= firstRetry: " + this);
    }
  }

  /** The wait before the next attempt after {@code failures} consecutive failures (at least 1). */
  Duration retryAfter(int failures) {
    Duration wait = firstRetry;
    for (int i = 1; i < failures && wait.compareTo(maxRetry) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
  }
}
