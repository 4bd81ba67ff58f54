package dev.fulcrum.core.pivot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a namespace for a move (capi-contracts §5.2 steps 1–2): one list of the CRDs labelled
 * {@code clusterctl.cluster.x-k8s.io}, kept when of a requested group and namespaced, then one list per kept kind and
 * per Secret and ConfigMap. What Kubernetes itself puts in every namespace is left out.
 */
final class NamespaceDiscovery {
  private static final String ROOT_CA_CONFIG_MAP = "kube-root-ca.crt";
  private static final String SERVICE_ACCOUNT_TOKEN = "kubernetes.io/service-account-token";

  /**
   * What a namespace holds.
   *
   * @param types the types listed
   * @param hierarchyTypes types whose CRD carries the move-hierarchy label
   * @param forceMoveTypes types whose CRD carries the move label
   * @param objects every object found
   */
  record Discovered(
      List<ResourceType> types, Set<ResourceType> hierarchyTypes, Set<ResourceType> forceMoveTypes,
      List<SourceObject> objects) {}

  private NamespaceDiscovery() {}

  static Discovered discover(MoveApi api, String namespace, Set<String> groups) {
    List<ResourceType> types = new ArrayList<>();
    Set<ResourceType> hierarchy = new HashSet<>();
    Set<ResourceType> forceMove = new HashSet<>();
    for (ObjectNode crd : api.listCrds(Clusterctl.CRD_LABEL)) {
      if (!groups.contains(crd.at("/spec/group").asString("")) || !"Namespaced".equals(crd.at("/spec/scope")
          .asString(""))) {
        continue;
      }
      ResourceType type = ResourceType.ofCrd(crd);
      types.add(type);
      JsonNode labels = crd.at("/metadata/labels");
      if (labels.has(Clusterctl.MOVE_HIERARCHY_LABEL)) {
        hierarchy.add(type);
      }
      if (labels.has(Clusterctl.MOVE_LABEL)) {
        forceMove.add(type);
      }
    }
    types.sort(Comparator.comparing(ResourceType::group).thenComparing(ResourceType::kind));
    types.add(ResourceType.SECRET);
    types.add(ResourceType.CONFIG_MAP);
    List<SourceObject> objects = new ArrayList<>();
    for (ResourceType type : types) {
      for (ObjectNode object : api.list(type, namespace)) {
        SourceObject found = new SourceObject(type, object);
        if (!createdByKubernetes(found)) {
          objects.add(found);
        }
      }
    }
    return new Discovered(List.copyOf(types), Set.copyOf(hierarchy), Set.copyOf(forceMove), List.copyOf(objects));
  }

  /** The root CA ConfigMap and service account tokens exist in every namespace and are never moved. */
  private static boolean createdByKubernetes(SourceObject object) {
    if (object.type().equals(ResourceType.CONFIG_MAP)) {
      return object.name().equals(ROOT_CA_CONFIG_MAP);
    }
    return object.type().equals(ResourceType.SECRET)
        && SERVICE_ACCOUNT_TOKEN.equals(object.object().path("type").asString(""));
  }
}
