package dev.fulcrum.sandbox.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The recent events of one cluster, for resuming watches. Bounded by event count, by bytes, and by the
 * budget shared across clusters; a watch from a version older than what is kept gets 410 Gone. Guarded by
 * the cluster's write lock.
 */
final class EventHistory {

  private final int maxEvents;
  private final long maxBytes;
  private final HistoryBudget budget;
  private final ArrayDeque<StoredEvent> events = new ArrayDeque<>();
  private long bytes;
  private long floor;

  /** @param floor the newest version whose events are not kept (resuming from it or later is possible) */
  EventHistory(int maxEvents, long maxBytes, HistoryBudget budget, long floor) {
    this.maxEvents = maxEvents;
    this.maxBytes = maxBytes;
    this.budget = budget;
    this.floor = floor;
  }

  void append(StoredEvent event) {
    events.addLast(event);
    bytes += event.frame().length;
    budget.add(event.frame().length);
    while (!events.isEmpty()
        && (events.size() > maxEvents || bytes > maxBytes || (budget.exceeded() && events.size() > 1))) {
      evictOldest();
    }
  }

  private void evictOldest() {
    StoredEvent oldest = events.removeFirst();
    bytes -= oldest.frame().length;
    budget.release(oldest.frame().length);
    floor = oldest.resourceVersion();
  }

  /** Whether every event after {@code resourceVersion} is still kept. */
  boolean canResumeFrom(long resourceVersion) {
    return resourceVersion >= floor;
  }

  long floor() {
    return floor;
  }

  List<StoredEvent> after(long resourceVersion) {
    List<StoredEvent> result = new ArrayList<>();
    for (StoredEvent event : events) {
      if (event.resourceVersion() > resourceVersion) {
        result.add(event);
      }
    }
    return result;
  }

  /** Forgets everything: only versions from {@code newFloor} on can be resumed. */
  void restartAt(long newFloor) {
    clear();
    floor = newFloor;
  }

  void clear() {
    while (!events.isEmpty()) {
      evictOldest();
    }
  }
}
