package dev.fulcrum.core.request;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Typed reads of single request values. A value of the wrong type is reported with the expected
 * type and the type found, never with the value itself (it might be a secret).
 */
public final class Values {
  private static final int MAX_QUOTED_LENGTH = 64;

  private Values() {}

  public static Optional<String> string(JsonNode value, String path, Problems problems) {
    if (value.isString()) {
      return Optional.of(value.stringValue());
    }
    problems.add(path, wrongType("a string", value));
    return Optional.empty();
  }

  /** An integral number; a value outside the range of {@code long} is reported as too large. */
  public static Optional<Long> integer(JsonNode value, String path, Problems problems) {
    if (!value.isIntegralNumber()) {
      problems.add(path, wrongType("an integer", value));
      return Optional.empty();
    }
    if (!value.canConvertToLong()) {
      problems.add(path, "is too large a number");
      return Optional.empty();
    }
    return Optional.of(value.longValue());
  }

  /** Whether the value is an object; reports it if not. */
  public static boolean isObject(JsonNode value, String path, Problems problems) {
    if (value.isObject()) {
      return true;
    }
    problems.add(path, wrongType("an object", value));
    return false;
  }

  /** Whether the value is a list; reports it if not. */
  public static boolean isList(JsonNode value, String path, Problems problems) {
    if (value.isArray()) {
      return true;
    }
    problems.add(path, wrongType("a list", value));
    return false;
  }

  /**
   * A JSON-like Java copy of an object (maps, lists, strings, numbers, booleans), as provider
   * settings carry it. Null fields are dropped (absent); a null list element is reported.
   */
  public static Map<String, Object> javaMap(JsonNode object, String path, Problems problems) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      if (!field.getValue().isNull()) {
        map.put(field.getKey(), javaValue(field.getValue(), FieldPaths.field(path, field.getKey()), problems));
      }
    }
    return map;
  }

  private static Object javaValue(JsonNode value, String path, Problems problems) {
    if (value.isObject()) {
      return javaMap(value, path, problems);
    }
    if (value.isArray()) {
      List<Object> list = new ArrayList<>();
      for (int i = 0; i < value.size(); i++) {
        JsonNode element = value.get(i);
        if (element.isNull()) {
          problems.add(FieldPaths.index(path, i), "must not be null: a list holds values only");
        } else {
          list.add(javaValue(element, FieldPaths.index(path, i), problems));
        }
      }
      return list;
    }
    if (value.isNumber()) {
      return value.numberValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    return value.asString();
  }

  /** "must be a string, got an integer". */
  public static String wrongType(String expected, JsonNode found) {
    return "must be " + expected + ", got " + describe(found);
  }

  /** A user-supplied, non-secret value for a message: quoted and cut short. */
  public static String quote(String value) {
    String shown = value.length() <= MAX_QUOTED_LENGTH ? value : value.substring(0, MAX_QUOTED_LENGTH) + "…";
    return "'" + FieldPaths.printable(shown) + "'";
  }

  private static String describe(JsonNode value) {
    return switch (value.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "a list";
      case STRING -> "a string";
      case NUMBER -> value.isIntegralNumber() ? "an integer" : "a decimal number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "a " + value.getNodeType().name().toLowerCase(Locale.ROOT) + " value";
    };
  }
}
