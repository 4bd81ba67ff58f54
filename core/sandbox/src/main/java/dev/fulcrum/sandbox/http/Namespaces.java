package dev.fulcrum.sandbox.http;

import dev.fulcrum.sandbox.support.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The namespace {@code finalize} subresource: the only way to change {@code spec.finalizers}. */
final class Namespaces {

  private Namespaces() {}

  static ObjectNode withFinalizersOf(ObjectNode current, JsonNode body) {
    JsonNode finalizers = body.path("spec").path("finalizers");
    Json.child(current, "spec").set("finalizers", finalizers.isArray() ? finalizers.deepCopy() : Json.array());
    String version = body.path("metadata").path("resourceVersion").stringValue("");
    if (!version.isEmpty()) {
      Json.child(current, "metadata").put("resourceVersion", version);
    }
    return current;
  }
}
