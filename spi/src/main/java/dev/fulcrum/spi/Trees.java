package dev.fulcrum.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep, immutable copies of JSON-like trees, so SPI values cannot change after construction. */
final class Trees {
  private Trees() {}

  /** Returns an unmodifiable deep copy of a JSON-like map; null values are dropped. */
  static Map<String, Object> copyMap(Map<String, ?> source) {
    if (source == null || source.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    source.forEach(
        (key, value) -> {
          if (value != null) {
            copy.put(key, copyValue(value));
          }
        });
    return Collections.unmodifiableMap(copy);
  }

  /** Returns an unmodifiable deep copy of a JSON-like list; null elements are rejected. */
  static List<Object> copyList(List<?> source) {
    if (source == null || source.isEmpty()) {
      return List.of();
    }
    List<Object> copy = new ArrayList<>(source.size());
    for (Object value : source) {
      if (value == null) {
        throw new IllegalArgumentException("null element in a list");
      }
      copy.add(copyValue(value));
    }
    return Collections.unmodifiableList(copy);
  }

  @SuppressWarnings("unchecked")
  private static Object copyValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      return copyMap((Map<String, ?>) map);
    }
    if (value instanceof List<?> list) {
      return copyList(list);
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    throw new IllegalArgumentException(
        "not a JSON value: " + value.getClass().getName() + " (use Map, List, String, Number or Boolean)");
  }
}
