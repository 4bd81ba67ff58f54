package dev.fulcrum.sandbox.api;

import dev.fulcrum.sandbox.store.Cluster;
import dev.fulcrum.sandbox.store.GroupResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The resource types one cluster serves: the built-ins plus those of its established CRDs. Readers take an
 * immutable {@link Snapshot}; a CRD change swaps in a new one. Clusters without CRDs share the built-in
 * snapshot (and so its cached discovery documents).
 */
public final class ResourceCatalog {

  /** The catalog of a cluster: every cluster serves its own set of resources (its CRDs). */
  public static ResourceCatalog of(Cluster cluster) {
    return cluster.attachment(ResourceCatalog.class, ResourceCatalog::new);
  }

  private static final Snapshot BUILTIN = new Snapshot(BuiltinResources.ALL);

  private final Map<String, List<ResourceType>> customByCrd = new TreeMap<>();
  private volatile Snapshot snapshot = BUILTIN;

  public Snapshot snapshot() {
    return snapshot;
  }

  /** Serves the given types for a CRD, replacing what it served before. Callers serialise CRD writes. */
  public synchronized void putCustom(String crdName, List<ResourceType> types) {
    if (types.isEmpty()) {
      customByCrd.remove(crdName);
    } else {
      customByCrd.put(crdName, List.copyOf(types));
    }
    rebuild();
  }

  public synchronized void removeCustom(String crdName) {
    if (customByCrd.remove(crdName) != null) {
      rebuild();
    }
  }

  private void rebuild() {
    if (customByCrd.isEmpty()) {
      snapshot = BUILTIN;
      return;
    }
    List<ResourceType> all = new ArrayList<>(BuiltinResources.ALL);
    customByCrd.values().forEach(all::addAll);
    snapshot = new Snapshot(all);
  }

  /** An immutable view of the served types, with a cache for documents rendered from it. */
  public static final class Snapshot {

    private final List<ResourceType> types;
    private final Map<String, Map<String, ResourceType>> byGroupVersion = new LinkedHashMap<>();
    private final Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
    private final Map<GroupResource, ResourceType> preferredByGroupResource = new LinkedHashMap<>();
    private final Map<String, Object> renderCache = new ConcurrentHashMap<>();

    Snapshot(List<ResourceType> types) {
      this.types = List.copyOf(types);
      for (ResourceType type : this.types) {
        byGroupVersion.computeIfAbsent(type.apiVersion(), k -> new LinkedHashMap<>()).put(type.resource(), type);
        List<String> versions = versionsByGroup.computeIfAbsent(type.group(), k -> new ArrayList<>());
        if (!versions.contains(type.version())) {
          versions.add(type.version());
        }
      }
      versionsByGroup.values().forEach(versions -> versions.sort(KubeVersions.PRIORITY));
      for (ResourceType type : this.types) {
        ResourceType current = preferredByGroupResource.get(type.groupResource());
        if (current == null || KubeVersions.PRIORITY.compare(type.version(), current.version()) < 0) {
          preferredByGroupResource.put(type.groupResource(), type);
        }
      }
    }

    public ResourceType find(String group, String version, String resource) {
      Map<String, ResourceType> resources = byGroupVersion.get(group.isEmpty() ? version : group + "/" + version);
      return resources == null ? null : resources.get(resource);
    }

    /** The preferred version's type of a group-resource, or null when it is not served. */
    public ResourceType preferred(GroupResource groupResource) {
      return preferredByGroupResource.get(groupResource);
    }

    public List<ResourceType> all() {
      return types;
    }

    /** Group names in discovery order (the core group, "", first). */
    public List<String> groups() {
      return List.copyOf(versionsByGroup.keySet());
    }

    /** A group's versions, preferred first. */
    public List<String> versions(String group) {
      return versionsByGroup.getOrDefault(group, List.of());
    }

    /** A group-version's resources in discovery order, or an empty list when it is not served. */
    public List<ResourceType> resources(String group, String version) {
      Map<String, ResourceType> resources = byGroupVersion.get(group.isEmpty() ? version : group + "/" + version);
      return resources == null ? List.of() : List.copyOf(resources.values());
    }

    /** Memoises something rendered from this snapshot (discovery and OpenAPI documents). */
    @SuppressWarnings("unchecked")
    public <T> T cached(String key, Supplier<T> render) {
      return (T) renderCache.computeIfAbsent(key, k -> render.get());
    }
  }
}
