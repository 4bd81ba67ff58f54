package dev.fulcrum.core.request;

import dev.fulcrum.spi.ProviderDescriptor;
import dev.fulcrum.spi.Settings;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads one request's provider settings: {@code spec.infrastructure} and each pool's
 * {@code machine}. Absent settings are an empty object, which is still checked against the
 * provider's schema (so a field the schema requires is reported). Without a known provider only the
 * shape (an object) is checked.
 */
final class ProviderSettings {
  private static final String INFRASTRUCTURE = "infrastructure";
  private static final String MACHINE = "machine";

  private final ProviderSchemas schemas;
  private final Optional<ProviderDescriptor> provider;
  private final Problems problems;

  ProviderSettings(ProviderSchemas schemas, Optional<ProviderDescriptor> provider, Problems problems) {
    this.schemas = schemas;
    this.provider = provider;
    this.problems = problems;
  }

  /** {@code spec.infrastructure}, checked against the provider's cluster settings schema. */
  Settings cluster(StrictObject spec) {
    return read(spec, INFRASTRUCTURE, ProviderDescriptor::clusterSettingsSchema);
  }

  /** A pool's {@code machine}, checked against the provider's machine settings schema. */
  Settings machine(StrictObject pool) {
    return read(pool, MACHINE, ProviderDescriptor::machineSettingsSchema);
  }

  private Settings read(StrictObject parent, String field, Function<ProviderDescriptor, String> schema) {
    String path = parent.path(field);
    JsonNode value = parent.value(field).orElseGet(JsonNodeFactory.instance::objectNode);
    if (!Values.isObject(value, path, problems)) {
      return Settings.EMPTY;
    }
    Settings settings = new Settings(Values.javaMap(value, path, problems));
    provider.ifPresent(
        descriptor -> problems.addAll(schemas.validate(descriptor.id(), schema.apply(descriptor), value, path)));
    return settings;
  }
}
