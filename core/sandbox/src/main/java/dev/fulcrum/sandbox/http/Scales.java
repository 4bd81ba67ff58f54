package dev.fulcrum.sandbox.http;

import dev.fulcrum.sandbox.api.ApiException;
import dev.fulcrum.sandbox.api.ResourceType;
import dev.fulcrum.sandbox.api.ScaleSubresource;
import dev.fulcrum.sandbox.support.Json;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@code /scale} subresource: an {@code autoscaling/v1 Scale} view onto the paths a resource declares. */
final class Scales {

  private Scales() {}

  static ObjectNode of(ResourceType type, ObjectNode object) {
    ScaleSubresource paths = type.scale();
    JsonNode metadata = object.path("metadata");
    ObjectNode scale = Json.object();
    scale.put("kind", "Scale");
    scale.put("apiVersion", "autoscaling/v1");
    ObjectNode scaleMetadata = scale.putObject("metadata");
    for (String field : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
      if (metadata.has(field)) {
        scaleMetadata.set(field, metadata.get(field));
      }
    }
    scale.putObject("spec").put("replicas", at(object, paths.specReplicasPath()).asInt(0));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", paths.statusReplicasPath() == null ? 0
        : at(object, paths.statusReplicasPath()).asInt(0));
    String selector = selector(object, paths, type);
    if (selector != null) {
      status.put("selector", selector);
    }
    return scale;
  }

  /** The object with {@code spec.replicas} of the given Scale written to the declared path. */
  static ObjectNode applyTo(ResourceType type, ObjectNode current, JsonNode scale) {
    JsonNode replicas = scale.path("spec").path("replicas");
    if (!replicas.isIntegralNumber() || replicas.asInt() < 0) {
      throw ApiException.invalid("autoscaling", "Scale", Json.text(scale.path("metadata"), "name"), "spec.replicas",
          "FieldValueInvalid", "Invalid value: must be a non-negative integer");
    }
    String version = scale.path("metadata").path("resourceVersion").stringValue("");
    if (!version.isEmpty()) {
      Json.child(current, "metadata").put("resourceVersion", version);
    }
    String[] path = segments(type.scale().specReplicasPath());
    ObjectNode parent = current;
    for (int i = 0; i < path.length - 1; i++) {
      parent = Json.child(parent, path[i]);
    }
    parent.put(path[path.length - 1], replicas.asInt());
    return current;
  }

  private static String selector(ObjectNode object, ScaleSubresource paths, ResourceType type) {
    if (paths.labelSelectorPath() != null) {
      JsonNode selector = at(object, paths.labelSelectorPath());
      return selector.isString() ? selector.stringValue() : null;
    }
    if (type.isCustom()) {
      return null;
    }
    JsonNode matchLabels = object.path("spec").path("selector").path("matchLabels");
    if (!matchLabels.isObject()) {
      return null;
    }
    StringJoiner joined = new StringJoiner(",");
    for (Map.Entry<String, JsonNode> label : matchLabels.properties()) {
      joined.add(label.getKey() + "=" + label.getValue().stringValue(""));
    }
    return joined.toString();
  }

  private static JsonNode at(JsonNode object, String path) {
    JsonNode node = object;
    for (String segment : segments(path)) {
      node = node.path(segment);
    }
    return node;
  }

  private static String[] segments(String path) {
    return (path.startsWith(".") ? path.substring(1) : path).split("\\.");
  }
}
