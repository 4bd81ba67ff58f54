package dev.fulcrum.core.profiles;

import dev.fulcrum.core.request.FieldPaths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ${name}} references in string values of a tree (chart values, manifests). A string that is
 * exactly one reference takes the variable's value with its type ({@code replicas: ${replicas}} becomes
 * a number); a reference inside a longer string is replaced by the value's text. {@code $${} writes a
 * literal {@code ${}. Keys are never substituted.
 */
final class VariableTemplates {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\$\\{|\\$\\{([^}]*)}");

  private VariableTemplates() {}

  /**
   * Calls {@code found} with each reference's variable name and the field path of the string holding
   * it, below {@code path} ({@code spec.layers[1].values.replicaCount}).
   */
  static void forEachReference(JsonNode node, String path, BiConsumer<String, String> found) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        forEachReference(field.getValue(), FieldPaths.field(path, field.getKey()), found);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        forEachReference(node.get(i), FieldPaths.index(path, i), found);
      }
    } else if (node.isString()) {
      Matcher matcher = REFERENCE.matcher(node.stringValue());
      while (matcher.find()) {
        if (matcher.group(1) != null) {
          found.accept(matcher.group(1), path);
        }
      }
    }
  }

  /** A copy of the tree with every reference replaced; every referenced name must be in {@code values}. */
  static JsonNode substitute(JsonNode tree, Map<String, JsonNode> values) {
    if (tree.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      Map<String, JsonNode> fields = new LinkedHashMap<>();
      tree.properties().forEach(field -> fields.put(field.getKey(), substitute(field.getValue(), values)));
      copy.setAll(fields);
      return copy;
    }
    if (tree.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      tree.forEach(element -> copy.add(substitute(element, values)));
      return copy;
    }
    if (!tree.isString()) {
      return tree.deepCopy();
    }
    String text = tree.stringValue();
    Matcher whole = REFERENCE.matcher(text);
    if (whole.matches() && whole.group(1) != null) {
      return value(whole.group(1), values).deepCopy();
    }
    Matcher matcher = REFERENCE.matcher(text);
    StringBuilder replaced = new StringBuilder();
    while (matcher.find()) {
      String replacement = matcher.group(1) == null ? "\\${" : Matcher.quoteReplacement(
          value(matcher.group(1), values).asString());
      matcher.appendReplacement(replaced, replacement);
    }
    matcher.appendTail(replaced);
    return JsonNodeFactory.instance.stringNode(replaced.toString());
  }

  private static JsonNode value(String name, Map<String, JsonNode> values) {
    return Optional.ofNullable(values.get(name))
        .orElseThrow(() -> new IllegalArgumentException("no value for variable " + name));
  }
}
