package dev.fulcrum.sandbox.capi;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A work queue of object keys and the worker threads that reconcile them, with the guarantees controllers rely on:
 * a key queued many times is reconciled once, never by two workers at once, and again if it changed while being
 * reconciled. Failures are retried with exponential backoff; write conflicts (another writer was first) at once.
 */
final class Controller implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Controller.class);
  private static final Duration CONFLICT_RETRY = Duration.ofMillis(20);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final String name;
  private final Reconciler reconciler;
  private final ScheduledExecutorService timers;
  private final Object lock = new Object();
  private final LinkedHashSet<ObjectKey> queue = new LinkedHashSet<>();
  private final Set<ObjectKey> processing = new HashSet<>();
  private final Set<ObjectKey> changedWhileProcessing = new HashSet<>();
  private final Map<ObjectKey, Integer> failures = new ConcurrentHashMap<>();
  private final List<Thread> workers = new ArrayList<>();
  private boolean closed;

  Controller(String name, Reconciler reconciler, ScheduledExecutorService timers, int workerCount) {
    this.name = name;
    this.reconciler = reconciler;
    this.timers = timers;
    for (int i = 0; i < workerCount; i++) {
      Thread worker = new Thread(this::work, "capi-" + name + "-" + i);
      worker.setDaemon(true);
      workers.add(worker);
    }
  }

  void start() {
    workers.forEach(Thread::start);
  }

  void enqueue(ObjectKey key) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      if (processing.contains(key)) {
        changedWhileProcessing.add(key);
      } else if (queue.add(key)) {
        lock.notify();
      }
    }
  }

  void enqueueAfter(ObjectKey key, Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      enqueue(key);
      return;
    }
    synchronized (lock) {
      if (closed) {
        return;
      }
    }
    timers.schedule(() -> enqueue(key), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void work() {
    while (true) {
      ObjectKey key;
      synchronized (lock) {
        while (queue.isEmpty() && !closed) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
        Iterator<ObjectKey> first = queue.iterator();
        key = first.next();
        first.remove();
        processing.add(key);
      }
      try {
        reconcileOnce(key);
      } finally {
        synchronized (lock) {
          processing.remove(key);
          if (changedWhileProcessing.remove(key) && !closed && queue.add(key)) {
            lock.notify();
          }
        }
      }
    }
  }

  private void reconcileOnce(ObjectKey key) {
    try {
      Reconciler.Result result = reconciler.reconcile(key);
      failures.remove(key);
      if (result.requeueAfter() != null) {
        enqueueAfter(key, result.requeueAfter());
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409 || e.getCode() == 404) {
        // Someone else wrote first (or the object went away): read again and decide afresh.
        LOG.debug("{} {}: {} ({}), reconciling again", name, key, e.getCode(), e.getStatus() == null ? ""
            : e.getStatus().getReason());
        enqueueAfter(key, CONFLICT_RETRY);
      } else {
        retryLater(key, e);
      }
    } catch (RuntimeException e) {
      retryLater(key, e);
    }
  }

  private void retryLater(ObjectKey key, RuntimeException e) {
    int attempt = failures.merge(key, 1, Integer::sum);
    Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 16));
    if (backoff.compareTo(MAX_BACKOFF) > 0) {
      backoff = MAX_BACKOFF;
    }
    if (attempt == 1 || attempt % 10 == 0) {
      LOG.warn("{} {}: reconcile failed (attempt {}), retrying in {} ms: {}", name, key, attempt, backoff.toMillis(),
          e.toString());
    } else {
      LOG.debug("{} {}: reconcile failed (attempt {})", name, key, attempt, e);
    }
    enqueueAfter(key, backoff);
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      queue.clear();
      lock.notifyAll();
    }
    for (Thread worker : workers) {
      try {
        worker.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
