package dev.fulcrum.core.engine;

import java.time.Duration;

/**
 * How the engine paces itself.
 *
 * @param workers how many clusters are reconciled at once
 * @param resyncPeriod how often every cluster is looked at even if nothing changed (level-based
 *     repair of drift)
 * @param pollInterval how soon a step waiting for something outside the engine looks again
 * @param reapplyInterval how long unchanged Cluster API objects of a cluster are not applied again
 * @param minRetryDelay the delay before retrying after an error; doubled per consecutive error
 * @param maxRetryDelay the longest delay between retries
 */
public record EngineOptions(
    int workers,
    Duration resyncPeriod,
    Duration pollInterval,
    Duration reapplyInterval,
    Duration minRetryDelay,
    Duration maxRetryDelay) {

  public EngineOptions {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
  }

  /** Defaults for a server: 4 workers, resync every 5 minutes, poll every 2 seconds. */
  public static EngineOptions defaults() {
    return new EngineOptions(
        4, Duration.ofMinutes(5), Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofMinutes(2));
  }

  public EngineOptions withPollInterval(Duration interval) {
    return new EngineOptions(workers, resyncPeriod, interval, reapplyInterval, minRetryDelay, maxRetryDelay);
  }

  public EngineOptions withReapplyInterval(Duration interval) {
    return new EngineOptions(workers, resyncPeriod, pollInterval, interval, minRetryDelay, maxRetryDelay);
  }

  public EngineOptions withRetryDelays(Duration min, Duration max) {
    return new EngineOptions(workers, resyncPeriod, pollInterval, reapplyInterval, min, max);
  }
}
