package dev.fulcrum.sandbox.http;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The part of Kubernetes JSONPath that CRD printer columns use: {@code .a.b}, escaped dots
 * ({@code .metadata.labels.cluster\.x-k8s\.io/cluster-name}), quoted keys ({@code ['a.b']}), indexes
 * ({@code [0]}), wildcards ({@code [*]}) and equality filters ({@code [?(@.type=="Ready")]}).
 */
final class JsonPathSubset {

  private JsonPathSubset() {}

  /** Every value the path selects (empty when none); an unsupported expression selects nothing. */
  static List<JsonNode> select(JsonNode root, String path) {
    List<JsonNode> current = new ArrayList<>(List.of(root));
    String expression = path.trim();
    if (expression.startsWith("{") && expression.endsWith("}")) {
      expression = expression.substring(1, expression.length() - 1);
    }
    int i = 0;
    while (i < expression.length() && !current.isEmpty()) {
      char c = expression.charAt(i);
      if (c == '.') {
        StringBuilder key = new StringBuilder();
        i++;
        while (i < expression.length() && expression.charAt(i) != '.' && expression.charAt(i) != '[') {
          if (expression.charAt(i) == '\\' && i + 1 < expression.length()) {
            i++;
          }
          key.append(expression.charAt(i++));
        }
        current = field(current, key.toString());
      } else if (c == '[') {
        int close = closingBracket(expression, i);
        if (close < 0) {
          return List.of();
        }
        current = bracket(current, expression.substring(i + 1, close).trim());
        i = close + 1;
      } else {
        return List.of();
      }
    }
    return current;
  }

  private static int closingBracket(String expression, int open) {
    char quote = 0;
    for (int i = open + 1; i < expression.length(); i++) {
      char c = expression.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == ']') {
        return i;
      }
    }
    return -1;
  }

  private static List<JsonNode> field(List<JsonNode> nodes, String key) {
    List<JsonNode> result = new ArrayList<>();
    for (JsonNode node : nodes) {
      if (key.isEmpty()) {
        result.add(node);
      } else if (node.has(key)) {
        result.add(node.get(key));
      }
    }
    return result;
  }

  private static List<JsonNode> bracket(List<JsonNode> nodes, String inside) {
    List<JsonNode> result = new ArrayList<>();
    for (JsonNode node : nodes) {
      if (inside.equals("*")) {
        node.forEach(result::add);
      } else if (inside.startsWith("?(") && inside.endsWith(")")) {
        filter(node, inside.substring(2, inside.length() - 1).trim(), result);
      } else if (inside.startsWith("'") || inside.startsWith("\"")) {
        String key = inside.substring(1, inside.length() - 1).replaceAll("\\\\(.)", "$1");
        if (node.has(key)) {
          result.add(node.get(key));
        }
      } else if (inside.matches("-?\\d+") && node.isArray()) {
        int index = Integer.parseInt(inside);
        int resolved = index < 0 ? node.size() + index : index;
        if (resolved >= 0 && resolved < node.size()) {
          result.add(node.get(resolved));
        }
      }
    }
    return result;
  }

  /** {@code @.a.b=="v"} (or {@code !=}, single quotes) over the items of a list. */
  private static void filter(JsonNode list, String condition, List<JsonNode> result) {
    boolean negated = condition.contains("!=");
    String[] sides = condition.split(negated ? "!=" : "==", 2);
    if (sides.length != 2 || !sides[0].trim().startsWith("@")) {
      return;
    }
    String path = sides[0].trim().substring(1);
    String expected = unquote(sides[1].trim());
    for (JsonNode item : list) {
      List<JsonNode> values = select(item, path);
      boolean equal = !values.isEmpty() && values.get(0).isValueNode() && values.get(0).asString().equals(expected);
      if (equal != negated) {
        result.add(item);
      }
    }
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && (value.startsWith("'") || value.startsWith("\"")) && value.endsWith(
        value.substring(0, 1))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }
}
