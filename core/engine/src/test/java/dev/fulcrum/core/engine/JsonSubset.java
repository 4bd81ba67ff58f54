package dev.fulcrum.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Compares JSON trees where the actual one may hold more (fields a server or controller added). */
final class JsonSubset {

  private JsonSubset() {}

  /** The paths where {@code actual} lacks or differs from a value of {@code expected}. */
  static List<String> differences(JsonNode expected, JsonNode actual) {
    List<String> differences = new ArrayList<>();
    compare("", expected, actual, differences);
    return differences;
  }

  private static void compare(String path, JsonNode expected, JsonNode actual, List<String> differences) {
    if (expected.isObject() && actual.isObject()) {
      for (Map.Entry<String, JsonNode> field : expected.properties()) {
        compare(path + "." + field.getKey(), field.getValue(), actual.path(field.getKey()), differences);
      }
    } else if (!expected.equals(actual)) {
      differences.add(path + ": expected " + expected + ", got " + actual);
    }
  }
}
