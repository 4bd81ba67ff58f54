package dev.fulcrum.core.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The keys waiting to be reconciled, each due at a time. A key is queued at most once (adding it
 * again only brings it forward) and is handed to one worker at a time: a key added while a worker
 * holds it is queued again when that worker is {@link #done}. So one cluster is never reconciled
 * twice at once, and no change is missed.
 *
 * @param <K> the key type
 */
final class WorkQueue<K> {
  private final Map<K, Long> due = new HashMap<>();
  private final Map<K, Long> dueAfterProcessing = new HashMap<>();
  private final Set<K> processing = new HashSet<>();
  private final PriorityQueue<Entry<K>> byTime = new PriorityQueue<>();
  private long sequence;
  private boolean closed;

  /** Queues the key to be taken after the delay, or sooner if it is already due sooner. */
  synchronized void add(K key, Duration delay) {
    if (closed) {
      return;
    }
    long at = System.nanoTime() + delay.toNanos();
    if (processing.contains(key)) {
      dueAfterProcessing.merge(key, at, Math::min);
      return;
    }
    Long current = due.get(key);
    if (current == null || at < current) {
      due.put(key, at);
      byTime.add(new Entry<>(at, sequence++, key));
      notifyAll();
    }
  }

  /**
   * Waits for the next due key and hands it to the caller, who must call {@link #done} with it.
   *
   * @return the key; null once the queue is closed
   */
  synchronized K take() throws InterruptedException {
    while (!closed) {
      Entry<K> next = byTime.peek();
      if (next == null) {
        wait();
        continue;
      }
      if (!Long.valueOf(next.at).equals(due.get(next.key))) {
        byTime.poll(); // superseded by an earlier time for the same key
        continue;
      }
      long waitNanos = next.at - System.nanoTime();
      if (waitNanos > 0) {
        wait(Math.max(1, waitNanos / 1_000_000));
        continue;
      }
      byTime.poll();
      due.remove(next.key);
      processing.add(next.key);
      return next.key;
    }
    return null;
  }

  /** Releases a key taken with {@link #take}; requeues it if it was added meanwhile. */
  synchronized void done(K key) {
    processing.remove(key);
    Long at = dueAfterProcessing.remove(key);
    if (at != null && !closed) {
      due.merge(key, at, Math::min);
      byTime.add(new Entry<>(due.get(key), sequence++, key));
      notifyAll();
    }
  }

  /** Wakes every waiting worker; {@link #take} returns null from now on. */
  synchronized void close() {
    closed = true;
    notifyAll();
  }

  /** How many keys are queued (not counting those being processed). */
  synchronized int size() {
    return due.size();
  }

  private record Entry<K>(long at, long sequence, K key) implements Comparable<Entry<K>> {
    @Override
    public int compareTo(Entry<K> other) {
      int byAt = Long.compare(at, other.at);
      return byAt != 0 ? byAt : Long.compare(sequence, other.sequence);
    }
  }
}
