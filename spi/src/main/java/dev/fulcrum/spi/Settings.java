package dev.fulcrum.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Provider settings from a request ({@code spec.infrastructure} or a pool's {@code machine}): an
 * immutable JSON-like map with typed accessors. By the time a provider sees settings they have
 * passed the provider's JSON schema, so accessors may assume the declared types.
 *
 * @param values the settings, keyed by the provider's own field names
 */
public record Settings(Map<String, Object> values) {
  /** Settings with no values. */
  public static final Settings EMPTY = new Settings(Map.of());

  public Settings {
    values = Trees.copyMap(values);
  }

  /** Whether the field is present. */
  public boolean has(String field) {
    return values.containsKey(field);
  }

  /** A string field. */
  public Optional<String> string(String field) {
    return Optional.ofNullable(values.get(field)).map(Object::toString);
  }

  /** An integer field. */
  public Optional<Long> integer(String field) {
    Object value = values.get(field);
    return value instanceof Number number ? Optional.of(number.longValue()) : Optional.empty();
  }

  /** A nested object field, as settings. */
  @SuppressWarnings("unchecked")
  public Settings object(String field) {
    Object value = values.get(field);
    return value instanceof Map<?, ?> map ? new Settings((Map<String, Object>) map) : EMPTY;
  }

  /** A list field. */
  public List<Object> list(String field) {
    Object value = values.get(field);
    return value instanceof List<?> list ? Trees.copyList(list) : List.of();
  }
}
