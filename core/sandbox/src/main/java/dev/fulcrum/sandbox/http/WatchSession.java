package dev.fulcrum.sandbox.http;

import dev.fulcrum.sandbox.api.FieldSelector;
import dev.fulcrum.sandbox.api.LabelSelector;
import dev.fulcrum.sandbox.api.ResourceType;
import dev.fulcrum.sandbox.store.Cluster;
import dev.fulcrum.sandbox.store.Entry;
import dev.fulcrum.sandbox.store.StoredEvent;
import io.vertx.core.Context;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One open watch. The store calls {@link #onEvent} under the cluster lock; the session filters and queues
 * the encoded frame and returns at once, so a writer never waits for a watcher. Frames are written on the
 * connection's own context as fast as the client reads; a client that falls more than a bounded number of
 * bytes behind is disconnected (it resumes from its last resourceVersion).
 */
final class WatchSession implements Cluster.WatchListener {

  /**
   * What a watch selects and how it wants objects. {@code namespace} is null for all namespaces; {@code table}
   * is null for plain objects.
   */
  record Selection(ResourceType type, String namespace, LabelSelector labels, FieldSelector fields,
      Tables.TableRequest table) {
    boolean matches(Entry entry) {
      return (namespace == null || namespace.equals(entry.namespace())) && labels.matches(entry.labels())
          && fields.matches(entry);
    }

    /** The event as this watch encodes it; {@code shared} is the encoding every plain watcher gets. */
    byte[] frame(String eventType, Entry entry, byte[] shared) {
      if (table != null) {
        return Tables.frame(table, type, eventType, entry);
      }
      return shared != null && type.apiVersion().equals(entry.apiVersion()) ? shared
          : Bodies.frame(type, eventType, entry);
    }
  }

  private final Context context;
  private final Cluster cluster;
  private final Selection selection;
  private final WatchSink sink;
  private final long maxBacklogBytes;
  private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
  private final AtomicLong backlogBytes = new AtomicLong();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean endAfterDrain;
  private long bookmarkTimer = -1;
  private long timeoutTimer = -1;

  WatchSession(Context context, Cluster cluster, Selection selection, WatchSink sink, long maxBacklogBytes) {
    this.context = context;
    this.cluster = cluster;
    this.selection = selection;
    this.sink = sink;
    this.maxBacklogBytes = maxBacklogBytes;
    sink.onClosed(this::close);
  }

  @Override
  public void onEvent(StoredEvent event) {
    Entry object = event.object();
    if (closed.get() || (selection.namespace() != null && !selection.namespace().equals(object.namespace()))) {
      return;
    }
    boolean matchesNow = selection.matches(object);
    boolean matchedBefore = event.previous() != null && selection.matches(event.previous());
    String type = switch (event.type()) {
      case ADDED -> matchesNow ? "ADDED" : null;
      case MODIFIED -> matchesNow ? (matchedBefore ? "MODIFIED" : "ADDED") : (matchedBefore ? "DELETED" : null);
      case DELETED -> matchesNow || matchedBefore ? "DELETED" : null;
    };
    if (type == null) {
      return;
    }
    enqueue(selection.frame(type, object, type.equals(event.type().name()) ? event.frame() : null));
  }

  /** Queues a synthetic ADDED for a current object (initial events). */
  void added(Entry entry) {
    if (selection.matches(entry)) {
      enqueue(selection.frame("ADDED", entry, null));
    }
  }

  void enqueue(byte[] frame) {
    if (closed.get()) {
      return;
    }
    if (backlogBytes.addAndGet(frame.length) > maxBacklogBytes) {
      overflow();
      return;
    }
    queue.add(frame);
    scheduleDrain();
  }

  /** Sends what is queued, then ends the stream (e.g. after a 410 ERROR event). */
  void endAfterDrain() {
    endAfterDrain = true;
    scheduleDrain();
  }

  void startBookmarks(long intervalMillis) {
    onContext(() -> bookmarkTimer = context.owner().setPeriodic(intervalMillis,
        id -> enqueue(Bodies.bookmark(selection.type(), cluster.resourceVersion(), false))));
  }

  void endAfter(long timeoutMillis) {
    onContext(() -> timeoutTimer = context.owner().setTimer(timeoutMillis, id -> endAfterDrain()));
  }

  private void scheduleDrain() {
    if (drainScheduled.compareAndSet(false, true)) {
      onContext(this::drain);
    }
  }

  private void drain() {
    drainScheduled.set(false);
    if (closed.get()) {
      return;
    }
    if (sink.isClosed()) {
      close();
      return;
    }
    byte[] frame;
    while (!sink.full() && (frame = queue.poll()) != null) {
      backlogBytes.addAndGet(-frame.length);
      sink.send(frame);
    }
    if (!queue.isEmpty()) {
      sink.onDrain(this::scheduleDrain);
    } else if (endAfterDrain) {
      close();
      sink.end();
    }
  }

  private void overflow() {
    if (closed.compareAndSet(false, true)) {
      release();
      onContext(sink::abort);
    }
  }

  /** Runs on the connection's context; once the server is stopping there is nothing left to do. */
  private void onContext(Runnable action) {
    try {
      context.runOnContext(v -> action.run());
    } catch (RejectedExecutionException e) {
      closed.set(true);
    }
  }

  @Override
  public void onClusterClosed() {
    endAfterDrain();
  }

  void close() {
    if (closed.compareAndSet(false, true)) {
      release();
    }
  }

  private void release() {
    cluster.removeWatcher(selection.type().groupResource(), this);
    queue.clear();
    backlogBytes.set(0);
    onContext(() -> {
      if (bookmarkTimer >= 0) {
        context.owner().cancelTimer(bookmarkTimer);
      }
      if (timeoutTimer >= 0) {
        context.owner().cancelTimer(timeoutTimer);
      }
    });
  }
}
