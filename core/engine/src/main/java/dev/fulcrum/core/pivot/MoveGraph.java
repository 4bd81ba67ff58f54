package dev.fulcrum.core.pivot;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The object graph of one cluster's namespace (capi-contracts §5.2 steps 3–7, §5.3 step 7): owner edges from
 * ownerReferences, soft owners, the move set (the Cluster's hierarchy, other move-hierarchy roots and their
 * descendants, objects labelled to move), what is left over, and the creation groups.
 */
final class MoveGraph {
  /** The name suffixes of Secrets a Cluster soft-owns when they carry no ownerReferences. */
  private static final List<String> CLUSTER_SECRET_PURPOSES = List.of("kubeconfig", "ca", "etcd", "sa", "proxy");

  private final SourceObject cluster;
  private final List<List<SourceObject>> groups;
  private final List<String> unmovable;
  private final List<String> problems;

  private MoveGraph(SourceObject cluster, List<List<SourceObject>> groups, List<String> unmovable,
      List<String> problems) {
    this.cluster = cluster;
    this.groups = groups;
    this.unmovable = unmovable;
    this.problems = problems;
  }

  /** The graph of the named Cluster, or empty when the namespace holds no such Cluster. */
  static Optional<MoveGraph> of(String clusterName, NamespaceDiscovery.Discovered discovered) {
    List<SourceObject> objects = discovered.objects();
    Optional<SourceObject> cluster = objects.stream()
        .filter(o -> Clusterctl.isCluster(o.type()) && o.name().equals(clusterName))
        .findFirst();
    if (cluster.isEmpty()) {
      return Optional.empty();
    }
    Map<String, SourceObject> byUid = new LinkedHashMap<>();
    objects.forEach(o -> byUid.put(o.uid(), o));
    Map<String, Set<String>> owners = owners(objects, byUid);

    Map<String, List<String>> children = new HashMap<>();
    owners.forEach((child, ownerUids) -> ownerUids.forEach(
        owner -> children.computeIfAbsent(owner, k -> new ArrayList<>()).add(child)));
    Set<String> moved = new LinkedHashSet<>();
    Deque<String> pending = new ArrayDeque<>();
    pending.add(cluster.get().uid());
    for (SourceObject object : objects) {
      if (discovered.hierarchyTypes().contains(object.type()) || object.hasLabel(Clusterctl.MOVE_HIERARCHY_LABEL)
          || Clusterctl.isBuiltInHierarchyRoot(object.type())) {
        pending.add(object.uid());
      }
      if (discovered.forceMoveTypes().contains(object.type()) || object.hasLabel(Clusterctl.MOVE_LABEL)) {
        moved.add(object.uid());
      }
    }
    Set<String> visited = new HashSet<>();
    while (!pending.isEmpty()) {
      String uid = pending.poll();
      if (visited.add(uid)) {
        moved.add(uid);
        pending.addAll(children.getOrDefault(uid, List.of()));
      }
    }

    List<String> unmovable = objects.stream().filter(o -> !moved.contains(o.uid())).map(SourceObject::describe)
        .sorted().toList();
    List<String> problems = new ArrayList<>();
    for (String uid : moved) {
      SourceObject object = byUid.get(uid);
      for (String ownerUid : object.ownerUids()) {
        if (!moved.contains(ownerUid)) {
          problems.add(object.describe() + ": its owner " + ownerName(object, ownerUid)
              + " is not moved (not in this namespace, or of a kind not listed), so its ownerReference could not"
              + " point at the copy");
        }
      }
    }
    List<List<SourceObject>> groups = groups(moved, owners, byUid, problems);
    return Optional.of(new MoveGraph(cluster.get(), groups, unmovable, problems));
  }

  /** Owner UIDs per object: ownerReferences plus soft owners, restricted to objects found. */
  private static Map<String, Set<String>> owners(List<SourceObject> objects, Map<String, SourceObject> byUid) {
    Map<String, SourceObject> clustersByName = new HashMap<>();
    Map<String, SourceObject> clusterClassesByName = new HashMap<>();
    for (SourceObject object : objects) {
      if (Clusterctl.isCluster(object.type())) {
        clustersByName.put(object.name(), object);
      } else if (Clusterctl.isBuiltInHierarchyRoot(object.type()) && object.type().kind().equals("ClusterClass")) {
        clusterClassesByName.put(object.name(), object);
      }
    }
    Map<String, Set<String>> owners = new HashMap<>();
    for (SourceObject object : objects) {
      Set<String> ownerUids = new LinkedHashSet<>(object.ownerUids());
      softOwner(object, clustersByName, clusterClassesByName).ifPresent(owner -> ownerUids.add(owner.uid()));
      ownerUids.retainAll(byUid.keySet());
      owners.put(object.uid(), ownerUids);
    }
    return owners;
  }

  /** The owner clusterctl infers without an ownerReference (capi-contracts §5.2 step 4). */
  private static Optional<SourceObject> softOwner(SourceObject object, Map<String, SourceObject> clusters,
      Map<String, SourceObject> clusterClasses) {
    if (object.type().equals(ResourceType.SECRET) && object.ownerUids().isEmpty()) {
      for (String purpose : CLUSTER_SECRET_PURPOSES) {
        String suffix = "-" + purpose;
        if (object.name().endsWith(suffix)) {
          return Optional.ofNullable(
              clusters.get(object.name().substring(0, object.name().length() - suffix.length())));
        }
      }
    } else if (object.type().group().equals(Clusterctl.ADDONS_GROUP)
        && object.type().kind().equals("ClusterResourceSetBinding")) {
      return Optional.ofNullable(clusters.get(object.object().at("/spec/clusterName").asString("")));
    } else if (Clusterctl.isCluster(object.type())) {
      return Optional.ofNullable(
          clusterClasses.get(object.object().at("/spec/topology/classRef/name").asString("")));
    }
    return Optional.empty();
  }

  /**
   * Creation groups: each object comes after all its moved owners (capi-contracts §5.3 step 7), sorted by kind and
   * name within a group. Objects caught in an ownership cycle are reported.
   */
  private static List<List<SourceObject>> groups(Set<String> moved, Map<String, Set<String>> owners,
      Map<String, SourceObject> byUid, List<String> problems) {
    List<List<SourceObject>> groups = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    Set<String> remaining = new LinkedHashSet<>(moved);
    while (!remaining.isEmpty()) {
      List<SourceObject> group = new ArrayList<>();
      for (String uid : remaining) {
        Set<String> movedOwners = new LinkedHashSet<>(owners.get(uid));
        movedOwners.retainAll(moved);
        if (placed.containsAll(movedOwners)) {
          group.add(byUid.get(uid));
        }
      }
      if (group.isEmpty()) {
        remaining.forEach(uid -> problems.add(byUid.get(uid).describe() + ": part of an ownership cycle"));
        break;
      }
      group.sort(Comparator.comparing((SourceObject o) -> o.type().kind()).thenComparing(SourceObject::name));
      group.forEach(o -> {
        placed.add(o.uid());
        remaining.remove(o.uid());
      });
      groups.add(List.copyOf(group));
    }
    return List.copyOf(groups);
  }

  private static String ownerName(SourceObject object, String ownerUid) {
    for (var owner : object.object().at("/metadata/ownerReferences")) {
      if (owner.path("uid").asString("").equals(ownerUid)) {
        return owner.path("kind").asString("") + " " + owner.path("name").asString("");
      }
    }
    return ownerUid;
  }

  SourceObject cluster() {
    return cluster;
  }

  /** The move set in creation groups. */
  List<List<SourceObject>> groups() {
    return groups;
  }

  /** Objects in the namespace outside the move set, {@code Kind namespace/name}, sorted. */
  List<String> unmovable() {
    return unmovable;
  }

  /** Why the move set cannot be moved as it is (owners outside it, cycles). */
  List<String> problems() {
    return problems;
  }
}
