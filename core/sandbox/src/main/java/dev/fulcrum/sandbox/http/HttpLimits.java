package dev.fulcrum.sandbox.http;

/**
 * Bounds the HTTP layer enforces.
 *
 * @param maxRequestBodyBytes larger request bodies get 413
 * @param watcherBacklogBytes a watcher that falls this far behind is disconnected
 * @param bookmarkIntervalMillis how often watches that allow bookmarks get one
 * @param minWatchTimeoutSeconds a watch without {@code timeoutSeconds} ends after a random time between this
 * @param maxWatchTimeoutSeconds and this
 */
public record HttpLimits(long maxRequestBodyBytes, long watcherBacklogBytes, long bookmarkIntervalMillis,
    long minWatchTimeoutSeconds, long maxWatchTimeoutSeconds) {}
