package dev.fulcrum.agent;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whether every field a desired object sets has that value in the live object: objects field by field, lists
 * element by element (same length), numbers by value. What the API server adds (defaults, status, metadata) is
 * ignored.
 *
 * <p>The agent compares a live object with the {@linkplain #project projection} of what the API server returned
 * when the object was applied, not with the desired object itself: the server may normalize what it stores (a
 * quantity, a default inside a list), and that is no drift.
 */
final class JsonSubset {

  private JsonSubset() {}

  /** Whether {@code desired} is contained in {@code live}. */
  static boolean contains(JsonNode live, JsonNode desired) {
    if (desired.isObject()) {
      if (!live.isObject()) {
        return false;
      }
      for (Map.Entry<String, JsonNode> field : desired.properties()) {
        JsonNode liveValue = live.path(field.getKey());
        if (field.getValue().isNull() ? !(liveValue.isMissingNode() || liveValue.isNull())
            : !contains(liveValue, field.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (desired.isArray()) {
      if (!live.isArray() || live.size() != desired.size()) {
        return false;
      }
      for (int i = 0; i < desired.size(); i++) {
        if (!contains(live.get(i), desired.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (desired.isNumber() && live.isNumber()) {
      return desired.decimalValue().compareTo(live.decimalValue()) == 0;
    }
    return desired.equals(live);
  }

  /**
   * The part of {@code live} at the fields {@code desired} sets: objects keep only desired's fields (those the live
   * object has), lists of desired's length are projected element by element, anything else is taken whole.
   */
  static JsonNode project(JsonNode live, JsonNode desired) {
    if (desired.isObject() && live.isObject()) {
      ObjectNode projection = ((ObjectNode) live).objectNode();
      for (Map.Entry<String, JsonNode> field : desired.properties()) {
        JsonNode liveValue = live.path(field.getKey());
        if (!liveValue.isMissingNode()) {
          projection.set(field.getKey(), project(liveValue, field.getValue()));
        }
      }
      return projection;
    }
    if (desired.isArray() && live.isArray() && desired.size() == live.size()) {
      ArrayNode projection = ((ArrayNode) live).arrayNode();
      for (int i = 0; i < desired.size(); i++) {
        projection.add(project(live.get(i), desired.get(i)));
      }
      return projection;
    }
    return live.deepCopy();
  }
}
