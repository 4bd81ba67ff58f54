package dev.fulcrum.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Compares a JSON tree Fulcrum wrote with what a server holds, where the server's may have more
 * (fields that defaulting, admission or controllers added): every object field of the expected tree
 * must be there with an equal value; arrays and scalars must be equal.
 */
public final class JsonSubset {
  private JsonSubset() {}

  /** The paths (e.g. {@code .spec.replicas}) where {@code actual} lacks or differs from a value of {@code expected}. */
  public static List<String> differences(JsonNode expected, JsonNode actual) {
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
