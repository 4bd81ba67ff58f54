package dev.fulcrum.sandbox;

import java.time.Duration;

/**
 * The sandbox's resource bounds.
 *
 * @param maxRequestBodyBytes larger request bodies are refused with 413
 * @param historyEventsPerCluster how many recent events a cluster keeps for resuming watches
 * @param historyBytesPerCluster the byte cap of one cluster's event history
 * @param historyBytesTotal the byte cap of all clusters' event histories together
 * @param watcherBacklogBytes a watcher that falls this many bytes behind is disconnected
 * @param bookmarkInterval how often watches that allow bookmarks receive one
 * @param minWatchTimeout a watch without {@code timeoutSeconds} ends after a random time between this
 * @param maxWatchTimeout and this
 * @param logSegmentBytes the log size past which checkpoints are written and the log restarts
 */
public record SandboxLimits(
    long maxRequestBodyBytes,
    int historyEventsPerCluster,
    long historyBytesPerCluster,
    long historyBytesTotal,
    long watcherBacklogBytes,
    Duration bookmarkInterval,
    Duration minWatchTimeout,
    Duration maxWatchTimeout,
    long logSegmentBytes) {

  private static final long MIB = 1024 * 1024;

  /** Sizes close to a real apiserver's (3 MiB bodies) and comfortable for 1,000 clusters. */
  public static SandboxLimits defaults() {
    return new SandboxLimits(3 * MIB, 1024, MIB, 256 * MIB, 16 * MIB, Duration.ofMinutes(1),
        Duration.ofMinutes(30), Duration.ofMinutes(60), 64 * MIB);
  }

  public SandboxLimits withMaxRequestBodyBytes(long bytes) {
    return new SandboxLimits(bytes, historyEventsPerCluster, historyBytesPerCluster, historyBytesTotal,
        watcherBacklogBytes, bookmarkInterval, minWatchTimeout, maxWatchTimeout, logSegmentBytes);
  }

  public SandboxLimits withHistoryEventsPerCluster(int events) {
    return new SandboxLimits(maxRequestBodyBytes, events, historyBytesPerCluster, historyBytesTotal,
        watcherBacklogBytes, bookmarkInterval, minWatchTimeout, maxWatchTimeout, logSegmentBytes);
  }

  public SandboxLimits withWatcherBacklogBytes(long bytes) {
    return new SandboxLimits(maxRequestBodyBytes, historyEventsPerCluster, historyBytesPerCluster, historyBytesTotal,
        bytes, bookmarkInterval, minWatchTimeout, maxWatchTimeout, logSegmentBytes);
  }

  public SandboxLimits withBookmarkInterval(Duration interval) {
    return new SandboxLimits(maxRequestBodyBytes, historyEventsPerCluster, historyBytesPerCluster, historyBytesTotal,
        watcherBacklogBytes, interval, minWatchTimeout, maxWatchTimeout, logSegmentBytes);
  }

  public SandboxLimits withLogSegmentBytes(long bytes) {
    return new SandboxLimits(maxRequestBodyBytes, historyEventsPerCluster, historyBytesPerCluster, historyBytesTotal,
        watcherBacklogBytes, bookmarkInterval, minWatchTimeout, maxWatchTimeout, bytes);
  }
}
