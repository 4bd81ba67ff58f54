package dev.fulcrum.sandbox.api;

import java.util.List;

/** The built-in kinds every sandbox cluster serves, with their discovery metadata. */
public final class BuiltinResources {

  public static final ResourceType NAMESPACES =
      builtin("", "v1", "namespaces", "Namespace", false, List.of("ns"), List.of(), true, null, false);
  public static final ResourceType CUSTOM_RESOURCE_DEFINITIONS = builtin("apiextensions.k8s.io", "v1",
      "customresourcedefinitions", "CustomResourceDefinition", false, List.of("crd", "crds"), List.of("api-extensions"),
      true, null, true);

  /** Every built-in resource, in discovery order. */
  public static final List<ResourceType> ALL = List.of(
      NAMESPACES,
      builtin("", "v1", "secrets", "Secret", true, List.of(), List.of(), false, null, false),
      builtin("", "v1", "configmaps", "ConfigMap", true, List.of("cm"), List.of(), false, null, false),
      builtin("", "v1", "events", "Event", true, List.of("ev"), List.of(), false, null, false),
      builtin("", "v1", "serviceaccounts", "ServiceAccount", true, List.of("sa"), List.of(), false, null, false),
      builtin("", "v1", "nodes", "Node", false, List.of("no"), List.of(), true, null, false),
      builtin("", "v1", "pods", "Pod", true, List.of("po"), List.of("all"), true, null, false),
      builtin("", "v1", "services", "Service", true, List.of("svc"), List.of("all"), true, null, false),
      builtin("", "v1", "endpoints", "Endpoints", true, List.of("ep"), List.of(), false, null, false),
      builtin("events.k8s.io", "v1", "events", "Event", true, List.of("ev"), List.of(), false, null, false),
      builtin("apps", "v1", "deployments", "Deployment", true, List.of("deploy"), List.of("all"), true,
          ScaleSubresource.REPLICAS, true),
      builtin("apps", "v1", "daemonsets", "DaemonSet", true, List.of("ds"), List.of("all"), true, null, true),
      builtin("apps", "v1", "replicasets", "ReplicaSet", true, List.of("rs"), List.of("all"), true,
          ScaleSubresource.REPLICAS, true),
      builtin("apps", "v1", "statefulsets", "StatefulSet", true, List.of("sts"), List.of("all"), true,
          ScaleSubresource.REPLICAS, true),
      builtin("batch", "v1", "jobs", "Job", true, List.of(), List.of("all"), true, null, true),
      builtin("rbac.authorization.k8s.io", "v1", "roles", "Role", true, List.of(), List.of(), false, null, false),
      builtin("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true, List.of(), List.of(), false,
          null, false),
      builtin("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false, List.of(), List.of(), false,
          null, false),
      builtin("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false, List.of(),
          List.of(), false, null, false),
      builtin("coordination.k8s.io", "v1", "leases", "Lease", true, List.of(), List.of(), false, null, false),
      CUSTOM_RESOURCE_DEFINITIONS);

  /** Namespaces every cluster starts with. */
  public static final List<String> DEFAULT_NAMESPACES = List.of("default", "kube-system", "kube-public",
      "kube-node-lease");

  private BuiltinResources() {}

  private static ResourceType builtin(String group, String version, String resource, String kind, boolean namespaced,
      List<String> shortNames, List<String> categories, boolean status, ScaleSubresource scale,
      boolean tracksGeneration) {
    return new ResourceType(group, version, resource, kind.toLowerCase(java.util.Locale.ROOT), kind, namespaced,
        shortNames, categories, status, scale, tracksGeneration, null);
  }
}
