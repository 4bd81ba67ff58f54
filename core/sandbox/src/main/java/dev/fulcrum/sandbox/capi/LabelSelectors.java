package dev.fulcrum.sandbox.capi;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Evaluates a {@code metav1.LabelSelector} ({@code matchLabels} and {@code matchExpressions}) against labels. */
final class LabelSelectors {

  private LabelSelectors() {}

  static boolean matches(JsonNode selector, Map<String, String> labels) {
    for (Map.Entry<String, String> wanted : Trees.stringMap(selector.path("matchLabels")).entrySet()) {
      if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
        return false;
      }
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      String key = expression.path("key").stringValue("");
      Set<String> values = new HashSet<>();
      expression.path("values").forEach(value -> values.add(value.stringValue("")));
      boolean present = labels.containsKey(key);
      boolean matched = switch (expression.path("operator").stringValue("")) {
        case "In" -> present && values.contains(labels.get(key));
        case "NotIn" -> !present || !values.contains(labels.get(key));
        case "Exists" -> present;
        case "DoesNotExist" -> !present;
        default -> false;
      };
      if (!matched) {
        return false;
      }
    }
    return true;
  }
}
