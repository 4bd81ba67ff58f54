package dev.fulcrum.agent;

import tools.jackson.databind.JsonNode;

/** How add-on objects are named in keys, messages and events. */
final class AddonObjects {

  private AddonObjects() {}

  /**
   * The identity of an object for pruning and duplicate checks: group, kind, namespace and name (the version is
   * left out: one object may be served at several).
   */
  static String key(JsonNode object) {
    return CapiKinds.group(object) + "/" + CapiKinds.kind(object) + "/" + object.at("/metadata/namespace")
        .asString("") + "/" + CapiKinds.name(object);
  }

  /** {@code Kind namespace/name}, or {@code Kind name} for an object without a namespace. */
  static String describe(JsonNode object) {
    return describe(object, "");
  }

  /** Like {@link #describe(JsonNode)}, with {@code defaultNamespace} where the object names none. */
  static String describe(JsonNode object, String defaultNamespace) {
    String namespace = object.at("/metadata/namespace").asString("");
    if (namespace.isEmpty()) {
      namespace = defaultNamespace == null ? "" : defaultNamespace;
    }
    return CapiKinds.kind(object) + " " + (namespace.isEmpty() ? "" : namespace + "/") + CapiKinds.name(object);
  }
}
