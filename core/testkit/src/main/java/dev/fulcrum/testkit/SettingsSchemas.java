package dev.fulcrum.testkit;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.FieldError;
import dev.fulcrum.spi.NodePool;
import dev.fulcrum.spi.ProviderDescriptor;
import dev.fulcrum.spi.Settings;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a request's provider settings against the JSON Schemas in a {@link ProviderDescriptor},
 * as the core does before calling a provider, with errors at absolute request paths
 * ({@code spec.infrastructure.region}, {@code spec.workerPools[0].machine.instanceType}).
 */
public final class SettingsSchemas {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private SettingsSchemas() {}

  /**
   * Parses a JSON Schema document.
   *
   * @throws IllegalArgumentException if it is not valid JSON or not a usable schema
   */
  public static Schema parse(String schemaJson) {
    try {
      Schema schema = REGISTRY.getSchema(schemaJson, InputFormat.JSON);
      schema.initializeValidators();
      return schema;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a usable JSON Schema: " + e.getMessage(), e);
    }
  }

  /** Schema errors in {@code spec.infrastructure} and every pool's {@code machine}. */
  public static List<FieldError> validate(ProviderDescriptor descriptor, ClusterRequest request) {
    List<FieldError> errors = new ArrayList<>(
        validate(descriptor.clusterSettingsSchema(), request.infrastructure(), "spec.infrastructure"));
    for (NodePool pool : request.allPools()) {
      errors.addAll(validate(descriptor.machineSettingsSchema(), pool.machine(), pool.path() + ".machine"));
    }
    return errors;
  }

  /** Schema errors in one settings object, with paths below {@code path}. */
  public static List<FieldError> validate(String schemaJson, Settings settings, String path) {
    JsonNode tree = JSON.valueToTree(settings.values());
    return parse(schemaJson).validate(tree).stream()
        .map(error -> new FieldError(SchemaErrors.path(path, error), SchemaErrors.message(error)))
        .distinct()
        .toList();
  }
}
