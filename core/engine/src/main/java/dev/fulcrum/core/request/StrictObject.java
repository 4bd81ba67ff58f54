package dev.fulcrum.core.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * One object of the request, read strictly (like kubectl's strict field validation): the fields it
 * may have are declared up front, and every other field is reported as unknown, by path, without
 * its value. A field set to {@code null} counts as absent.
 */
public final class StrictObject {
  private final JsonNode node;
  private final String path;
  private final Problems problems;

  private StrictObject(JsonNode node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /**
   * Reads {@code node} as an object with the given fields.
   *
   * @param unknownFieldHint appended to each unknown-field message, e.g. why the object is closed
   * @return empty (and reported) if the node is not an object
   */
  public static Optional<StrictObject> of(
      JsonNode node, String path, Set<String> fields, String unknownFieldHint, Problems problems) {
    if (!Values.isObject(node, path, problems)) {
      return Optional.empty();
    }
    String hint = unknownFieldHint.isEmpty() ? describe(fields) : unknownFieldHint;
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!fields.contains(field.getKey())) {
        problems.add(FieldPaths.field(path, field.getKey()), "unknown field; " + hint);
      }
    }
    return Optional.of(new StrictObject(node, path, problems));
  }

  /** Reads {@code node} as an object with the given fields; unknown fields name the expected ones. */
  public static Optional<StrictObject> of(JsonNode node, String path, Set<String> fields, Problems problems) {
    return of(node, path, fields, "", problems);
  }

  public String path() {
    return path;
  }

  public String path(String field) {
    return FieldPaths.field(path, field);
  }

  /** The field's value, unless absent or null. */
  public Optional<JsonNode> value(String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  public Optional<String> string(String field) {
    return value(field).flatMap(value -> Values.string(value, path(field), problems));
  }

  /** A string that must be present; {@code expected} says what to give, e.g. "the provider id". */
  public Optional<String> requiredString(String field, String expected) {
    return required(field, expected).flatMap(value -> Values.string(value, path(field), problems));
  }

  public Optional<Long> requiredInteger(String field, String expected) {
    return required(field, expected).flatMap(value -> Values.integer(value, path(field), problems));
  }

  public Optional<StrictObject> object(String field, Set<String> fields) {
    return value(field).flatMap(value -> of(value, path(field), fields, problems));
  }

  public Optional<StrictObject> requiredObject(String field, Set<String> fields, String expected) {
    return required(field, expected).flatMap(value -> of(value, path(field), fields, problems));
  }

  /** The elements of a list field with their paths; empty if absent (or not a list, reported). */
  public List<Element> list(String field) {
    List<Element> elements = new ArrayList<>();
    value(field)
        .filter(value -> Values.isList(value, path(field), problems))
        .ifPresent(
            list -> {
              for (int i = 0; i < list.size(); i++) {
                elements.add(new Element(list.get(i), FieldPaths.index(path(field), i)));
              }
            });
    return elements;
  }

  private Optional<JsonNode> required(String field, String expected) {
    Optional<JsonNode> value = value(field);
    if (value.isEmpty()) {
      problems.add(path(field), "required: " + expected);
    }
    return value;
  }

  private static String describe(Set<String> fields) {
    return "the fields allowed here are: " + String.join(", ", new TreeSet<>(fields));
  }

  /** A list element and its path, e.g. {@code spec.workerPools[2]}. */
  public record Element(JsonNode value, String path) {}
}
