package dev.fulcrum.core.request;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.fulcrum.spi.FieldError;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Validates provider settings ({@code spec.infrastructure}, a pool's {@code machine}) against the
 * JSON schemas (2020-12) in the provider's descriptor, and maps each error to its request path.
 *
 * <p>Schemas are compiled once and cached by their text. They never reach the network: a remote
 * {@code $ref} fails instead of being fetched. Messages are in English whatever the server's locale,
 * and {@code format} is asserted (2020-12 only annotates it by default), since a provider that writes
 * {@code "format": "hostname"} means it.
 */
final class ProviderSchemas {
  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  /**
   * @param providerId the provider, for messages
   * @param schemaText the provider's schema for these settings
   * @param settings the settings object
   * @param path the settings' request path, e.g. {@code spec.workerPools[1].machine}
   * @return one error per problem, at the problem's path; empty when the settings are valid
   * @throws IllegalStateException if the provider's schema itself is unusable (a plugin bug)
   */
  List<FieldError> validate(String providerId, String schemaText, JsonNode settings, String path) {
    List<Error> errors;
    try {
      errors =
          compiled
              .computeIfAbsent(schemaText, registry::getSchema)
              .validate(
                  settings,
                  context ->
                      context.executionConfig(config -> config.locale(Locale.ENGLISH).formatAssertionsEnabled(true)));
    } catch (SchemaException | JacksonException unusable) {
      throw new IllegalStateException(
          "provider '" + providerId + "' declares a settings schema that cannot be used: " + unusable.getMessage(),
          unusable);
    }
    Set<FieldError> found = new LinkedHashSet<>(); // combinators (anyOf, oneOf) can repeat an error
    for (Error error : errors) {
      found.add(fieldError(providerId, error, path));
    }
    return List.copyOf(found);
  }

  private static FieldError fieldError(String providerId, Error error, String base) {
    String path = requestPath(base, error.getInstanceLocation());
    String keyword = String.valueOf(error.getKeyword());
    String property = error.getProperty(); // the missing or extra field, for the keywords below
    if (property != null && keyword.equals("required")) {
      return new FieldError(FieldPaths.field(path, property), "required by the " + providerId + " provider");
    }
    if (property != null && (keyword.equals("additionalProperties") || keyword.equals("unevaluatedProperties"))) {
      return new FieldError(
          FieldPaths.field(path, property), "unknown field; the " + providerId + " provider does not accept it");
    }
    return new FieldError(path, error.getMessage());
  }

  private static String requestPath(String base, NodePath location) {
    String path = base;
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      path =
          element instanceof Integer index
              ? FieldPaths.index(path, index)
              : FieldPaths.field(path, String.valueOf(element));
    }
    return path;
  }
}
