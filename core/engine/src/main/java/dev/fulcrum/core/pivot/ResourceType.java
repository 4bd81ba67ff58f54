package dev.fulcrum.core.pivot;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A namespaced Kubernetes resource type as a move addresses it: group, the version objects are read and written at
 * (the storage version for custom resources), kind and plural.
 *
 * @param group the API group; empty for the core group
 * @param version the version
 * @param kind the kind
 * @param plural the plural resource name used in URLs
 */
public record ResourceType(String group, String version, String kind, String plural) {
  /** Core Secrets. */
  public static final ResourceType SECRET = new ResourceType("", "v1", "Secret", "secrets");

  /** Core ConfigMaps. */
  public static final ResourceType CONFIG_MAP = new ResourceType("", "v1", "ConfigMap", "configmaps");

  public ResourceType {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(plural, "plural");
  }

  /**
   * The type a CustomResourceDefinition defines, at its storage version.
   *
   * @throws IllegalArgumentException when the CRD marks no version as the storage version
   */
  public static ResourceType ofCrd(JsonNode crd) {
    String storage = null;
    for (JsonNode version : crd.at("/spec/versions")) {
      if (version.path("storage").asBoolean(false)) {
        storage = version.path("name").asString();
      }
    }
    if (storage == null) {
      throw new IllegalArgumentException(
          "CRD " + crd.at("/metadata/name").asString("") + ": spec.versions has no storage version");
    }
    return new ResourceType(crd.at("/spec/group").asString(""), storage, crd.at("/spec/names/kind").asString(""),
        crd.at("/spec/names/plural").asString(""));
  }

  /** {@code group/version}, or the version alone for the core group. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }
}
