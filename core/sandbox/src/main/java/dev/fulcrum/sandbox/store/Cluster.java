package dev.fulcrum.sandbox.store;

import dev.fulcrum.sandbox.store.GroupResource;
import dev.fulcrum.sandbox.store.StoredEvent.EventType;
import dev.fulcrum.sandbox.support.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * The store of one simulated cluster: its objects per group-resource (sorted by {@code namespace/name}, so a
 * namespace is a range), a uid index, an owner-uid to dependents index, its resourceVersion sequence, the
 * recent-event history and its watchers.
 *
 * <p>One writer at a time ({@link #write}); readers never lock: they see immutable {@link Entry} values in
 * concurrent maps. Every committed change is handed, still under the lock and so in resourceVersion order,
 * to the watchers and to the {@link CommitObserver} (persistence, controllers); neither may block.
 */
public final class Cluster {

  /** Sees every committed change in order, under the cluster lock; must not block. */
  public interface CommitObserver {
    /** @return a future completing when the change is durable, or null when there is nothing to wait for */
    CompletableFuture<Void> committed(Cluster cluster, StoredEvent event);
  }

  /** A watch as the store sees it. Called under the cluster lock: must only enqueue. */
  public interface WatchListener {
    void onEvent(StoredEvent event);

    /** The cluster was deleted or the server is stopping. */
    void onClusterClosed();
  }

  /** The result of a write and a future that completes once it is durable. */
  public record Committed<T>(T value, CompletableFuture<Void> durable) {}

  /** A consistent copy of the cluster's objects at one resourceVersion. */
  public record Snapshot(String cluster, String epoch, long resourceVersion, List<Entry> entries) {}

  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final String name;
  private final String epoch;
  /** Per-cluster state of the layers above the store (e.g. the API's resource catalog), keyed by its type. */
  private final ConcurrentHashMap<Class<?>, Object> attachments = new ConcurrentHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final ConcurrentHashMap<GroupResource, ConcurrentSkipListMap<String, Entry>> objects =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Entry> byUid = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> dependentsByOwner = new HashMap<>();
  private final Map<GroupResource, List<WatchListener>> watchers = new ConcurrentHashMap<>();
  private final EventHistory history;
  private final CommitObserver observer;
  private long resourceVersion;
  private volatile long committedResourceVersion;
  private volatile boolean closed;

  public Cluster(String name, String epoch, long resourceVersion, HistoryLimits limits, HistoryBudget budget,
      CommitObserver observer) {
    this.name = name;
    this.epoch = epoch;
    this.resourceVersion = resourceVersion;
    this.committedResourceVersion = resourceVersion;
    this.history = new EventHistory(limits.maxEvents(), limits.maxBytes(), budget, resourceVersion);
    this.observer = observer;
  }

  public String name() {
    return name;
  }

  /** Distinguishes this incarnation of the name from a deleted cluster of the same name. */
  public String epoch() {
    return epoch;
  }

  /**
   * The cluster's attachment of this type, created on first use. Lets the API layer keep per-cluster state here
   * without the store knowing its types.
   */
  public <T> T attachment(Class<T> type, Supplier<T> create) {
    return type.cast(attachments.computeIfAbsent(type, t -> create.get()));
  }

  public boolean isClosed() {
    return closed;
  }

  /** The newest committed resourceVersion; every change up to it is visible to readers. */
  public long resourceVersion() {
    return committedResourceVersion;
  }

  public Entry get(GroupResource resource, String namespace, String name) {
    ConcurrentSkipListMap<String, Entry> entries = objects.get(resource);
    return entries == null ? null : entries.get(Entry.key(namespace, name));
  }

  public Entry byUid(String uid) {
    return uid == null ? null : byUid.get(uid);
  }

  /**
   * The stored objects of a resource in key order, optionally one namespace only, starting after
   * {@code afterKey} (exclusive; null for the start). A live view: iterate, do not keep.
   */
  public Collection<Entry> scan(GroupResource resource, String namespace, String afterKey) {
    NavigableMap<String, Entry> range = objects.get(resource);
    if (range == null) {
      return List.of();
    }
    if (namespace != null && !namespace.isEmpty()) {
      // "/" + 1 == "0": every key "ns/…" sorts inside [ns/, ns0).
      range = range.subMap(namespace + "/", true, namespace + "0", false);
    }
    if (afterKey != null) {
      range = range.tailMap(afterKey, false);
    }
    return range.values();
  }

  /** The group-resources that currently hold objects. */
  public Set<GroupResource> storedResources() {
    Set<GroupResource> result = new HashSet<>();
    objects.forEach((resource, entries) -> {
      if (!entries.isEmpty()) {
        result.add(resource);
      }
    });
    return result;
  }

  /** Runs {@code work} as the only writer of this cluster. */
  public <T> Committed<T> write(Function<Transaction, T> work) {
    lock.lock();
    try {
      if (closed) {
        throw new ClusterClosedException(name);
      }
      Transaction transaction = new Transaction();
      T value = work.apply(transaction);
      return new Committed<>(value, transaction.durable);
    } finally {
      lock.unlock();
    }
  }

  public Snapshot snapshot() {
    lock.lock();
    try {
      List<Entry> entries = new ArrayList<>(byUid.size());
      objects.values().forEach(map -> entries.addAll(map.values()));
      return new Snapshot(name, epoch, resourceVersion, entries);
    } finally {
      lock.unlock();
    }
  }

  /** Loads a recovered object without events or observers; only before the cluster is served. */
  public void restore(GroupResource resource, Entry entry) {
    lock.lock();
    try {
      Entry previous = objects.computeIfAbsent(resource, k -> new ConcurrentSkipListMap<>()).put(entry.key(), entry);
      index(previous, entry);
      resourceVersion = Math.max(resourceVersion, entry.resourceVersion());
      committedResourceVersion = resourceVersion;
    } finally {
      lock.unlock();
    }
  }

  /** Drops a recovered object; only before the cluster is served. */
  public void restoreRemoval(GroupResource resource, String key, long atResourceVersion) {
    lock.lock();
    try {
      ConcurrentSkipListMap<String, Entry> entries = objects.get(resource);
      Entry previous = entries == null ? null : entries.remove(key);
      index(previous, null);
      resourceVersion = Math.max(resourceVersion, atResourceVersion);
      committedResourceVersion = resourceVersion;
    } finally {
      lock.unlock();
    }
  }

  /** Starts the event history at the current resourceVersion: older versions can no longer be resumed. */
  public void resetHistory() {
    lock.lock();
    try {
      history.restartAt(resourceVersion);
    } finally {
      lock.unlock();
    }
  }

  public void removeWatcher(GroupResource resource, WatchListener listener) {
    List<WatchListener> listeners = watchers.get(resource);
    if (listeners != null) {
      listeners.remove(listener);
    }
  }

  /** Stops serving: every watcher is told, the history is released. */
  public void close() {
    lock.lock();
    try {
      closed = true;
      history.clear();
    } finally {
      lock.unlock();
    }
    watchers.values().forEach(listeners -> listeners.forEach(WatchListener::onClusterClosed));
    watchers.clear();
  }

  private void index(Entry previous, Entry current) {
    if (previous != null) {
      byUid.remove(previous.uid());
      for (OwnerReference owner : previous.owners()) {
        Set<String> dependents = dependentsByOwner.get(owner.uid());
        if (dependents != null) {
          dependents.remove(previous.uid());
          if (dependents.isEmpty()) {
            dependentsByOwner.remove(owner.uid());
          }
        }
      }
    }
    if (current != null) {
      byUid.put(current.uid(), current);
      for (OwnerReference owner : current.owners()) {
        if (owner.uid() != null) {
          dependentsByOwner.computeIfAbsent(owner.uid(), k -> new HashSet<>()).add(current.uid());
        }
      }
    }
  }

  /** The operations available to the single writer. Valid only inside {@link #write}. */
  public final class Transaction {

    private CompletableFuture<Void> durable = DONE;

    private Transaction() {}

    public Cluster cluster() {
      return Cluster.this;
    }

    public Entry get(GroupResource resource, String namespace, String name) {
      return Cluster.this.get(resource, namespace, name);
    }

    public long resourceVersion() {
      return resourceVersion;
    }

    /** The uids of objects whose ownerReferences name {@code ownerUid}. */
    public Set<String> dependentsOf(String ownerUid) {
      Set<String> dependents = dependentsByOwner.get(ownerUid);
      return dependents == null ? Set.of() : Set.copyOf(dependents);
    }

    /**
     * Stores a new version of an object under the next resourceVersion, which is written into
     * {@code object.metadata.resourceVersion}.
     */
    public Entry put(GroupResource resource, ObjectNode object) {
      ObjectNode metadata = Json.child(object, "metadata");
      long version = resourceVersion + 1;
      metadata.put("resourceVersion", Long.toString(version));
      Entry entry = Entry.of(resource, object, Json.bytes(object));
      Entry previous = objects.computeIfAbsent(resource, k -> new ConcurrentSkipListMap<>()).put(entry.key(), entry);
      index(previous, entry);
      publish(StoredEvent.of(previous == null ? EventType.ADDED : EventType.MODIFIED, entry, previous), version);
      return entry;
    }

    /** Removes an object; watchers get DELETED with {@code finalState} under the next resourceVersion. */
    public Entry remove(GroupResource resource, ObjectNode finalState) {
      ObjectNode metadata = Json.child(finalState, "metadata");
      long version = resourceVersion + 1;
      metadata.put("resourceVersion", Long.toString(version));
      Entry entry = Entry.of(resource, finalState, Json.bytes(finalState));
      ConcurrentSkipListMap<String, Entry> entries = objects.get(resource);
      Entry previous = entries == null ? null : entries.remove(entry.key());
      if (previous == null) {
        throw new IllegalStateException("no stored " + resource + " " + entry.key());
      }
      index(previous, null);
      publish(StoredEvent.of(EventType.DELETED, entry, previous), version);
      return entry;
    }

    /** Registers a watcher; events committed after this call reach it. */
    public void addWatcher(GroupResource resource, WatchListener listener) {
      watchers.computeIfAbsent(resource, k -> new CopyOnWriteArrayList<>()).add(listener);
    }

    /** Whether a watch may resume after {@code version} (its later events are all still kept). */
    public boolean canResumeFrom(long version) {
      return history.canResumeFrom(version);
    }

    public long oldestResumableVersion() {
      return history.floor();
    }

    public List<StoredEvent> eventsAfter(GroupResource resource, long version) {
      List<StoredEvent> result = new ArrayList<>();
      for (StoredEvent event : history.after(version)) {
        if (event.object().resource().equals(resource)) {
          result.add(event);
        }
      }
      return result;
    }

    private void publish(StoredEvent event, long version) {
      resourceVersion = version;
      history.append(event);
      List<WatchListener> listeners = watchers.get(event.object().resource());
      if (listeners != null) {
        for (WatchListener listener : listeners) {
          listener.onEvent(event);
        }
      }
      CompletableFuture<Void> persisted = observer.committed(Cluster.this, event);
      if (persisted != null) {
        durable = persisted;
      }
      committedResourceVersion = version;
    }
  }
}
