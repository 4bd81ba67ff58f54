package dev.fulcrum.testkit;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a CRD's {@code openAPIV3Schema} into a JSON Schema (2020-12) that rejects what a Kubernetes
 * API server with strict field validation rejects.
 *
 * <p>An API server prunes (and with {@code fieldValidation=Strict} refuses) every field its
 * structural schema does not declare, so each object schema without {@code additionalProperties}
 * and without {@code x-kubernetes-preserve-unknown-fields: true} gets {@code additionalProperties:
 * false}. Only structural positions are tightened ({@code properties}, {@code items},
 * {@code additionalProperties}); the branches of {@code allOf}/{@code anyOf}/{@code oneOf}/
 * {@code not} only add value constraints and stay as they are.
 */
final class StrictSchemas {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  private StrictSchemas() {}

  /** The strict JSON Schema for one CRD version's {@code openAPIV3Schema}. */
  static ObjectNode toJsonSchema(JsonNode openApiV3Schema) {
    ObjectNode root = convert(openApiV3Schema, true);
    root.put("$schema", DIALECT);
    // An API server validates the root ObjectMeta itself; the CRD only says "type: object".
    ((ObjectNode) root.get("properties")).set("metadata", looseObjectMeta());
    return root;
  }

  private static ObjectNode convert(JsonNode source, boolean structural) {
    ObjectNode target = NODES.objectNode();
    for (Map.Entry<String, JsonNode> entry : source.properties()) {
      String keyword = entry.getKey();
      JsonNode value = entry.getValue();
      switch (keyword) {
        case "properties" -> {
          ObjectNode properties = target.putObject("properties");
          value.properties().forEach(p -> properties.set(p.getKey(), convert(p.getValue(), true)));
        }
        case "items", "additionalProperties" ->
            target.set(keyword, value.isObject() ? convert(value, true) : value);
        case "allOf", "anyOf", "oneOf" -> {
          ArrayNode branches = target.putArray(keyword);
          value.forEach(branch -> branches.add(convert(branch, false)));
        }
        case "not" -> target.set(keyword, convert(value, false));
        case "nullable" -> {
          // applied to "type" below
        }
        default -> {
          if (!keyword.startsWith("x-kubernetes-")) {
            target.set(keyword, value);
          }
        }
      }
    }
    if (source.path("x-kubernetes-int-or-string").asBoolean(false) && !source.has("type")) {
      target.set("type", NODES.arrayNode().add("integer").add("string"));
    }
    if (source.path("nullable").asBoolean(false) && target.has("type")) {
      target.set("type", NODES.arrayNode().add(target.get("type")).add("null"));
    }
    if (structural && isObjectSchema(source)) {
      tightenObject(source, target);
    }
    return target;
  }

  private static boolean isObjectSchema(JsonNode source) {
    return source.has("properties") || "object".equals(source.path("type").asString(""));
  }

  private static void tightenObject(JsonNode source, ObjectNode target) {
    if (source.path("x-kubernetes-embedded-resource").asBoolean(false)) {
      // An embedded object always carries TypeMeta and ObjectMeta, declared or not.
      ObjectNode properties =
          target.has("properties") ? (ObjectNode) target.get("properties") : target.putObject("properties");
      properties.putIfAbsent("apiVersion", NODES.objectNode().put("type", "string"));
      properties.putIfAbsent("kind", NODES.objectNode().put("type", "string"));
      properties.putIfAbsent("metadata", looseObjectMeta());
    }
    boolean preserveUnknown = source.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    if (!preserveUnknown && !source.has("additionalProperties")) {
      target.put("additionalProperties", false);
    }
  }

  /** ObjectMeta checked for shape only: the names are strings, labels and annotations string maps. */
  private static ObjectNode looseObjectMeta() {
    ObjectNode meta = NODES.objectNode().put("type", "object");
    ObjectNode properties = meta.putObject("properties");
    for (String field : new String[] {"name", "namespace", "generateName"}) {
      properties.putObject(field).put("type", "string");
    }
    for (String field : new String[] {"labels", "annotations"}) {
      ObjectNode map = properties.putObject(field).put("type", "object");
      map.putObject("additionalProperties").put("type", "string");
    }
    return meta;
  }
}
