package dev.fulcrum.sandbox.http;

import dev.fulcrum.sandbox.api.ResourceCatalog;
import dev.fulcrum.sandbox.api.ResourceType;
import dev.fulcrum.sandbox.support.Json;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The discovery documents ({@code /api}, {@code /apis}, {@code /apis/<group>}, group-version resource lists)
 * and {@code /version}, rendered from a catalog snapshot and cached in it, so clusters serving the same kinds
 * share the bytes.
 */
final class DiscoveryDocuments {

  /** The Kubernetes version the sandbox reports. */
  static final String KUBERNETES_MAJOR = "1";
  static final String KUBERNETES_MINOR = "33";
  static final String GIT_VERSION = "v1.33.0-fulcrum.sandbox";

  private static final byte[] VERSION = renderVersion();
  private static final byte[] API_VERSIONS = renderApiVersions();

  private DiscoveryDocuments() {}

  static byte[] version() {
    return VERSION;
  }

  static byte[] apiVersions() {
    return API_VERSIONS;
  }

  private static byte[] renderVersion() {
    ObjectNode version = Json.object();
    version.put("major", KUBERNETES_MAJOR);
    version.put("minor", KUBERNETES_MINOR);
    version.put("gitVersion", GIT_VERSION);
    version.put("gitCommit", "0000000000000000000000000000000000000000");
    version.put("gitTreeState", "clean");
    version.put("buildDate", "2025-01-01T00:00:00Z");
    version.put("goVersion", "go1.24.0");
    version.put("compiler", "gc");
    version.put("platform", "linux/amd64");
    return Json.bytes(version);
  }

  private static byte[] renderApiVersions() {
    ObjectNode versions = Json.object();
    versions.put("kind", "APIVersions");
    versions.putArray("versions").add("v1");
    versions.putArray("serverAddressByClientCIDRs");
    return Json.bytes(versions);
  }

  static byte[] groupList(ResourceCatalog.Snapshot snapshot) {
    return snapshot.cached("discovery:groups", () -> {
      ObjectNode list = Json.object();
      list.put("kind", "APIGroupList");
      list.put("apiVersion", "v1");
      ArrayNode groups = list.putArray("groups");
      for (String group : snapshot.groups()) {
        if (!group.isEmpty()) {
          groups.add(groupNode(snapshot, group));
        }
      }
      return Json.bytes(list);
    });
  }

  /** The APIGroup document, or null when the group is not served. */
  static byte[] group(ResourceCatalog.Snapshot snapshot, String group) {
    if (group.isEmpty() || snapshot.versions(group).isEmpty()) {
      return null;
    }
    return snapshot.cached("discovery:group:" + group, () -> {
      ObjectNode document = groupNode(snapshot, group);
      document.put("kind", "APIGroup");
      document.put("apiVersion", "v1");
      return Json.bytes(document);
    });
  }

  private static ObjectNode groupNode(ResourceCatalog.Snapshot snapshot, String group) {
    ObjectNode document = Json.object();
    document.put("name", group);
    ArrayNode versions = document.putArray("versions");
    List<String> served = snapshot.versions(group);
    for (String version : served) {
      versions.add(groupVersion(group, version));
    }
    document.set("preferredVersion", groupVersion(group, served.get(0)));
    return document;
  }

  private static ObjectNode groupVersion(String group, String version) {
    ObjectNode node = Json.object();
    node.put("groupVersion", group + "/" + version);
    node.put("version", version);
    return node;
  }

  /** The APIResourceList of a group-version, or null when it is not served. */
  static byte[] resourceList(ResourceCatalog.Snapshot snapshot, String group, String version) {
    List<ResourceType> types = snapshot.resources(group, version);
    if (types.isEmpty()) {
      return null;
    }
    return snapshot.cached("discovery:resources:" + group + "/" + version, () -> {
      ObjectNode list = Json.object();
      list.put("kind", "APIResourceList");
      list.put("apiVersion", "v1");
      list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
      ArrayNode resources = list.putArray("resources");
      for (ResourceType type : types) {
        ObjectNode resource = resources.addObject();
        resource.put("name", type.resource());
        resource.put("singularName", type.singular());
        resource.put("namespaced", type.namespaced());
        resource.put("kind", type.kind());
        ArrayNode verbs = resource.putArray("verbs");
        ResourceType.VERBS.forEach(verbs::add);
        if (!type.shortNames().isEmpty()) {
          ArrayNode shortNames = resource.putArray("shortNames");
          type.shortNames().forEach(shortNames::add);
        }
        if (!type.categories().isEmpty()) {
          ArrayNode categories = resource.putArray("categories");
          type.categories().forEach(categories::add);
        }
        if (type.statusSubresource()) {
          resources.add(subresource(type, "status", null, null, type.kind()));
        }
        if (type.scale() != null) {
          resources.add(subresource(type, "scale", "autoscaling", "v1", "Scale"));
        }
        if (type.is("", "namespaces")) {
          ObjectNode finalize = subresource(type, "finalize", null, null, type.kind());
          finalize.set("verbs", Json.array().add("update"));
          resources.add(finalize);
        }
      }
      return Json.bytes(list);
    });
  }

  private static ObjectNode subresource(ResourceType type, String name, String group, String version, String kind) {
    ObjectNode resource = Json.object();
    resource.put("name", type.resource() + "/" + name);
    resource.put("singularName", "");
    resource.put("namespaced", type.namespaced());
    if (group != null) {
      resource.put("group", group);
      resource.put("version", version);
    }
    resource.put("kind", kind);
    resource.set("verbs", Json.array().add("get").add("patch").add("update"));
    return resource;
  }
}
