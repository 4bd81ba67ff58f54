package dev.fulcrum.sandbox.store;

import java.util.concurrent.atomic.AtomicLong;

/** The byte cap shared by the watch histories of all clusters, so many clusters cannot add up unbounded. */
public final class HistoryBudget {

  private final long maxBytes;
  private final AtomicLong usedBytes = new AtomicLong();

  public HistoryBudget(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  void add(long bytes) {
    usedBytes.addAndGet(bytes);
  }

  void release(long bytes) {
    usedBytes.addAndGet(-bytes);
  }

  boolean exceeded() {
    return usedBytes.get() > maxBytes;
  }
}
