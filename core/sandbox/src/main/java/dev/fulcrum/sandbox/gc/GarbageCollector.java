package dev.fulcrum.sandbox.gc;

import dev.fulcrum.sandbox.api.ApiException;
import dev.fulcrum.sandbox.api.BuiltinResources;
import dev.fulcrum.sandbox.api.CustomResourceDefinitions;
import dev.fulcrum.sandbox.api.DeleteOptions;
import dev.fulcrum.sandbox.api.ResourceCatalog;
import dev.fulcrum.sandbox.api.DeleteOptions.PropagationPolicy;
import dev.fulcrum.sandbox.store.GroupResource;
import dev.fulcrum.sandbox.api.ResourceOperations;
import dev.fulcrum.sandbox.api.ResourceType;
import dev.fulcrum.sandbox.api.WriteOptions;
import dev.fulcrum.sandbox.store.Cluster;
import dev.fulcrum.sandbox.store.Cluster.Transaction;
import dev.fulcrum.sandbox.store.ClusterClosedException;
import dev.fulcrum.sandbox.store.Entry;
import dev.fulcrum.sandbox.store.OwnerReference;
import dev.fulcrum.sandbox.store.StoredEvent;
import dev.fulcrum.sandbox.store.StoredEvent.EventType;
import dev.fulcrum.sandbox.support.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The controllers a real control plane runs that the API's clients rely on: owner-reference garbage
 * collection (background, foreground with {@code blockOwnerDeletion}, orphan), namespace termination and CRD
 * instance cleanup.
 *
 * <p>It learns about changes from {@link #onCommitted} (under the cluster lock, so it only enqueues) and does
 * the work afterwards on its own thread, as the single writer of the cluster concerned. Every step is
 * re-derived from the stored state, so a restarted sandbox resumes by {@link #resync}.
 */
public final class GarbageCollector implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);
  private static final WriteOptions GC_WRITE = WriteOptions.system("garbage-collector");

  private record Work(Cluster cluster, String uid) {}

  private final ResourceOperations operations;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "sandbox-garbage-collector");
    thread.setDaemon(true);
    return thread;
  });
  private final Set<Work> pending = ConcurrentHashMap.newKeySet();

  public GarbageCollector(ResourceOperations operations) {
    this.operations = operations;
  }

  /** Notes what a committed change may require. Runs under the cluster lock: never blocks. */
  public void onCommitted(Cluster cluster, StoredEvent event) {
    Entry object = event.object();
    if (event.type() == EventType.DELETED) {
      enqueue(cluster, object.uid());
      object.owners().forEach(owner -> enqueue(cluster, owner.uid()));
      enqueueIfDeleting(cluster, cluster.get(BuiltinResources.NAMESPACES.groupResource(), "", object.namespace()));
      ResourceType type = ResourceCatalog.of(cluster).snapshot().preferred(object.resource());
      if (type != null && type.isCustom()) {
        enqueueIfDeleting(cluster, cluster.get(BuiltinResources.CUSTOM_RESOURCE_DEFINITIONS.groupResource(), "",
            type.custom().crdName()));
      }
      return;
    }
    if (object.deleting()) {
      enqueue(cluster, object.uid());
    }
    if (hasAbsentOwner(cluster, object)) {
      enqueue(cluster, object.uid());
    }
  }

  /** Queues every object that may need work: after a restart, nothing else would. */
  public void resync(Cluster cluster) {
    for (GroupResource resource : cluster.storedResources()) {
      for (Entry entry : cluster.scan(resource, null, null)) {
        if (entry.deleting() || hasAbsentOwner(cluster, entry)) {
          enqueue(cluster, entry.uid());
        }
      }
    }
  }

  private void enqueueIfDeleting(Cluster cluster, Entry entry) {
    if (entry != null && entry.deleting()) {
      enqueue(cluster, entry.uid());
    }
  }

  private void enqueue(Cluster cluster, String uid) {
    Work work = new Work(cluster, uid);
    if (pending.add(work)) {
      try {
        worker.execute(() -> {
          pending.remove(work);
          reconcile(work);
        });
      } catch (RejectedExecutionException e) {
        pending.remove(work); // stopping: a restart resyncs from the stored state
      }
    }
  }

  private void reconcile(Work work) {
    Cluster cluster = work.cluster();
    if (cluster.isClosed()) {
      return;
    }
    try {
      cluster.write(tx -> {
        Entry entry = cluster.byUid(work.uid());
        if (entry == null) {
          // an owner went away: its dependents may now be orphans
          tx.dependentsOf(work.uid()).forEach(dependent -> enqueue(cluster, dependent));
          return null;
        }
        if (!entry.owners().isEmpty() && collectIfOwnersAbsent(tx, entry)) {
          return null;
        }
        if (entry.deleting()) {
          finalize(tx, entry);
        }
        return null;
      });
    } catch (ClusterClosedException e) {
      // the cluster was deleted meanwhile: nothing left to collect
    } catch (ApiException e) {
      LOG.warn("garbage collection of {} in cluster {} failed: {}", work.uid(), cluster.name(), e.getMessage());
    }
  }

  private static boolean hasAbsentOwner(Cluster cluster, Entry entry) {
    for (OwnerReference owner : entry.owners()) {
      if (!present(cluster, entry, owner)) {
        return true;
      }
    }
    return false;
  }

  /** An owner counts only if an object with its uid exists in a scope the dependent may point to. */
  private static boolean present(Cluster cluster, Entry dependent, OwnerReference reference) {
    Entry owner = cluster.byUid(reference.uid());
    return owner != null && (owner.namespace().isEmpty() || owner.namespace().equals(dependent.namespace()));
  }

  /** Deletes a dependent whose owners are all gone, or drops the references to the ones that are. */
  private boolean collectIfOwnersAbsent(Transaction tx, Entry entry) {
    List<String> absent = new ArrayList<>();
    for (OwnerReference owner : entry.owners()) {
      if (!present(tx.cluster(), entry, owner)) {
        absent.add(owner.uid());
      }
    }
    if (absent.isEmpty()) {
      return false;
    }
    ResourceType type = typeOf(tx, entry);
    if (type == null) {
      return false;
    }
    if (absent.size() == entry.owners().size()) {
      if (!entry.deleting()) {
        operations.deleteIn(tx, type, entry, new DeleteOptions(PropagationPolicy.BACKGROUND, entry.uid(), null,
            false));
      }
      return true;
    }
    operations.modify(tx, type, entry, object -> withoutOwners(object, absent), GC_WRITE);
    return false;
  }

  private void finalize(Transaction tx, Entry entry) {
    ResourceType type = typeOf(tx, entry);
    if (type == null) {
      return;
    }
    if (entry.finalizers().contains(ResourceOperations.ORPHAN_FINALIZER)) {
      orphanDependents(tx, entry);
      removeFinalizer(tx, type, entry, ResourceOperations.ORPHAN_FINALIZER);
    } else if (entry.finalizers().contains(ResourceOperations.FOREGROUND_FINALIZER)) {
      if (deleteDependentsInForeground(tx, entry)) {
        removeFinalizer(tx, type, entry, ResourceOperations.FOREGROUND_FINALIZER);
      }
    } else if (type.equals(BuiltinResources.NAMESPACES)) {
      terminateNamespace(tx, entry);
    } else if (type.equals(BuiltinResources.CUSTOM_RESOURCE_DEFINITIONS)
        && entry.finalizers().contains(CustomResourceDefinitions.CLEANUP_FINALIZER)) {
      cleanUpCustomResources(tx, type, entry);
    }
  }

  private void orphanDependents(Transaction tx, Entry owner) {
    for (String uid : tx.dependentsOf(owner.uid())) {
      Entry dependent = tx.cluster().byUid(uid);
      ResourceType type = dependent == null ? null : typeOf(tx, dependent);
      if (type != null) {
        operations.modify(tx, type, dependent, object -> withoutOwners(object, List.of(owner.uid())), GC_WRITE);
      }
    }
  }

  /** Deletes the owner's dependents; true once none that blocks the owner's deletion is left. */
  private boolean deleteDependentsInForeground(Transaction tx, Entry owner) {
    boolean blocked = false;
    for (String uid : tx.dependentsOf(owner.uid())) {
      Entry dependent = tx.cluster().byUid(uid);
      ResourceType type = dependent == null ? null : typeOf(tx, dependent);
      if (type == null) {
        continue;
      }
      boolean removed = false;
      if (!dependent.deleting()) {
        PropagationPolicy policy = tx.dependentsOf(dependent.uid()).isEmpty() ? PropagationPolicy.BACKGROUND
            : PropagationPolicy.FOREGROUND;
        removed = operations.deleteIn(tx, type, dependent, new DeleteOptions(policy, dependent.uid(), null, false))
            .removed();
      }
      if (!removed && blocks(dependent, owner.uid())) {
        blocked = true;
      }
    }
    return !blocked;
  }

  private static boolean blocks(Entry dependent, String ownerUid) {
    return dependent.owners().stream().anyMatch(owner -> owner.uid().equals(ownerUid) && owner.blockOwnerDeletion());
  }

  /** Deletes everything in a terminating namespace; once it is empty, lets the namespace go. */
  private void terminateNamespace(Transaction tx, Entry namespace) {
    boolean empty = true;
    for (GroupResource resource : tx.cluster().storedResources()) {
      ResourceType type = ResourceCatalog.of(tx.cluster()).snapshot().preferred(resource);
      if (type == null || !type.namespaced()) {
        continue;
      }
      for (Entry entry : List.copyOf(tx.cluster().scan(resource, namespace.name(), null))) {
        boolean removed = !entry.deleting() && operations.deleteIn(tx, type, entry, DeleteOptions.BACKGROUND)
            .removed();
        empty &= removed;
      }
    }
    if (empty) {
      operations.finalizeNamespace(tx, namespace);
    }
  }

  /** Deletes every instance of a CRD being deleted; once none is left, lets the CRD go. */
  private void cleanUpCustomResources(Transaction tx, ResourceType crdType, Entry crd) {
    JsonNode spec = crd.object().path("spec");
    GroupResource resource = new GroupResource(Json.text(spec, "group"), Json.text(spec.path("names"), "plural"));
    ResourceType type = ResourceCatalog.of(tx.cluster()).snapshot().preferred(resource);
    boolean empty = true;
    if (type != null) {
      for (Entry entry : List.copyOf(tx.cluster().scan(resource, null, null))) {
        boolean removed = !entry.deleting() && operations.deleteIn(tx, type, entry, DeleteOptions.BACKGROUND)
            .removed();
        empty &= removed;
      }
    }
    if (empty) {
      removeFinalizer(tx, crdType, crd, CustomResourceDefinitions.CLEANUP_FINALIZER);
    }
  }

  private void removeFinalizer(Transaction tx, ResourceType type, Entry entry, String finalizer) {
    Entry current = tx.cluster().byUid(entry.uid());
    if (current == null) {
      return;
    }
    operations.modify(tx, type, current, object -> {
      ArrayNode remaining = Json.array();
      for (JsonNode existing : object.path("metadata").path("finalizers")) {
        if (!finalizer.equals(existing.stringValue(null))) {
          remaining.add(existing);
        }
      }
      Json.child(object, "metadata").set("finalizers", remaining);
      return object;
    }, GC_WRITE);
  }

  private static ObjectNode withoutOwners(ObjectNode object, List<String> uids) {
    ArrayNode kept = Json.array();
    for (JsonNode owner : object.path("metadata").path("ownerReferences")) {
      if (!uids.contains(owner.path("uid").stringValue(""))) {
        kept.add(owner);
      }
    }
    ObjectNode metadata = Json.child(object, "metadata");
    if (kept.isEmpty()) {
      metadata.remove("ownerReferences");
    } else {
      metadata.set("ownerReferences", kept);
    }
    return object;
  }

  private static ResourceType typeOf(Transaction tx, Entry entry) {
    return ResourceCatalog.of(tx.cluster()).snapshot().preferred(entry.resource());
  }

  @Override
  public void close() {
    worker.shutdownNow();
    try {
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
