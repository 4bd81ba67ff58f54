package dev.fulcrum.sandbox.capi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Simulated step durations. A step's clock starts the first time a controller finds the step may proceed, and is
 * kept in memory like a real controller's requeue timer: a restarted simulator starts the wait over.
 */
final class DelayGate {

  private static final int PURGE_ABOVE = 10_000;
  private static final Duration FORGET_AFTER = Duration.ofHours(1);

  private final ConcurrentHashMap<String, Instant> started = new ConcurrentHashMap<>();
  private final Clock clock;

  DelayGate(Clock clock) {
    this.clock = clock;
  }

  /** Zero once {@code step} of the object with {@code uid} has waited {@code delay}; otherwise the time left. */
  Duration remaining(String uid, String step, Duration delay) {
    if (delay.isZero()) {
      return Duration.ZERO;
    }
    Instant now = clock.instant();
    if (started.size() > PURGE_ABOVE) {
      started.values().removeIf(since -> since.isBefore(now.minus(FORGET_AFTER)));
    }
    Instant since = started.computeIfAbsent(uid + "/" + step, key -> now);
    Duration left = delay.minus(Duration.between(since, now));
    return left.isNegative() ? Duration.ZERO : left;
  }
}
