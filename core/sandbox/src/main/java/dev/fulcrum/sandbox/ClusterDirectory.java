package dev.fulcrum.sandbox;

import dev.fulcrum.sandbox.api.BuiltinResources;
import dev.fulcrum.sandbox.api.CustomResourceDefinitions;
import dev.fulcrum.sandbox.store.GroupResource;
import dev.fulcrum.sandbox.api.Names;
import dev.fulcrum.sandbox.api.ResourceCatalog;
import dev.fulcrum.sandbox.api.ResourceOperations;
import dev.fulcrum.sandbox.api.WriteOptions;
import dev.fulcrum.sandbox.gc.GarbageCollector;
import dev.fulcrum.sandbox.persist.LogRecord;
import dev.fulcrum.sandbox.persist.Persistence;
import dev.fulcrum.sandbox.persist.RecoveredCluster;
import dev.fulcrum.sandbox.store.Cluster;
import dev.fulcrum.sandbox.store.Entry;
import dev.fulcrum.sandbox.store.HistoryBudget;
import dev.fulcrum.sandbox.store.HistoryLimits;
import dev.fulcrum.sandbox.store.StoredEvent;
import dev.fulcrum.sandbox.support.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.ObjectNode;

/** The clusters a sandbox serves: creation (with default namespaces), deletion, restore, and change routing. */
final class ClusterDirectory {

  private final ConcurrentHashMap<String, Cluster> clusters = new ConcurrentHashMap<>();
  private final ResourceOperations operations;
  private final GarbageCollector garbageCollector;
  private final Persistence persistence;
  private final HistoryLimits historyLimits;
  private final HistoryBudget historyBudget;

  /** @param persistence null when state is kept in memory only */
  ClusterDirectory(ResourceOperations operations, GarbageCollector garbageCollector, Persistence persistence,
      SandboxLimits limits) {
    this.operations = operations;
    this.garbageCollector = garbageCollector;
    this.persistence = persistence;
    this.historyLimits = new HistoryLimits(limits.historyEventsPerCluster(), limits.historyBytesPerCluster());
    this.historyBudget = new HistoryBudget(limits.historyBytesTotal());
  }

  Cluster get(String name) {
    return clusters.get(name);
  }

  Collection<Cluster> all() {
    return List.copyOf(clusters.values());
  }

  List<String> names() {
    List<String> names = new ArrayList<>(clusters.keySet());
    names.sort(null);
    return names;
  }

  /** Creates the cluster with its default namespaces unless it exists. */
  synchronized Cluster create(String name) {
    Cluster existing = clusters.get(name);
    if (existing != null) {
      return existing;
    }
    String problem = Names.dnsLabelProblem(name);
    if (problem != null) {
      throw new IllegalArgumentException("invalid cluster name \"" + name + "\": " + problem);
    }
    Cluster cluster = newCluster(name, UUID.randomUUID().toString(), 0);
    if (persistence != null) {
      persistence.append(LogRecord.clusterCreated(name, cluster.epoch())).join();
    }
    CompletableFuture<Void> durable = CompletableFuture.completedFuture(null);
    for (String namespace : BuiltinResources.DEFAULT_NAMESPACES) {
      ObjectNode object = Json.object();
      object.put("apiVersion", "v1");
      object.put("kind", "Namespace");
      object.putObject("metadata").put("name", namespace);
      CompletableFuture<Void> written = operations.create(cluster, BuiltinResources.NAMESPACES, null, object,
          WriteOptions.system("sandbox")).durable();
      durable = written == null ? durable : written;
    }
    durable.join();
    clusters.put(name, cluster);
    return cluster;
  }

  synchronized boolean delete(String name) {
    Cluster cluster = clusters.remove(name);
    if (cluster == null) {
      return false;
    }
    cluster.close();
    if (persistence != null) {
      persistence.append(LogRecord.clusterDeleted(name, cluster.epoch())).join();
    }
    return true;
  }

  /** Serves a cluster read back from the data directory, with its CRDs' resources and an empty history. */
  Cluster restore(RecoveredCluster recovered) {
    Cluster cluster = newCluster(recovered.name(), recovered.epoch(), recovered.resourceVersion());
    for (Map.Entry<String, Map<String, byte[]>> resource : recovered.objects().entrySet()) {
      GroupResource groupResource = GroupResource.parse(resource.getKey());
      for (byte[] json : resource.getValue().values()) {
        cluster.restore(groupResource, Entry.of(groupResource, Json.parseStored(json), json));
      }
    }
    cluster.resetHistory();
    for (Entry crd : cluster.scan(BuiltinResources.CUSTOM_RESOURCE_DEFINITIONS.groupResource(), null, null)) {
      ResourceCatalog.of(cluster).putCustom(crd.name(), CustomResourceDefinitions.servedTypes(crd.object()));
    }
    clusters.put(cluster.name(), cluster);
    garbageCollector.resync(cluster);
    return cluster;
  }

  private Cluster newCluster(String name, String epoch, long resourceVersion) {
    return new Cluster(name, epoch, resourceVersion, historyLimits, historyBudget, this::committed);
  }

  /** Routes a committed change to the garbage collector and the log. Runs under the cluster lock. */
  private CompletableFuture<Void> committed(Cluster cluster, StoredEvent event) {
    garbageCollector.onCommitted(cluster, event);
    if (persistence == null) {
      return null;
    }
    Entry entry = event.object();
    LogRecord record = event.type() == StoredEvent.EventType.DELETED
        ? LogRecord.delete(cluster.name(), cluster.epoch(), entry.resourceVersion(), entry.resource().toString(),
            entry.key())
        : LogRecord.put(cluster.name(), cluster.epoch(), entry.resourceVersion(), entry.resource().toString(),
            entry.key(), entry.json());
    return persistence.append(record);
  }

  void closeAll() {
    clusters.values().forEach(Cluster::close);
  }
}
