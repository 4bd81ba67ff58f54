package dev.fulcrum.core.yaml;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The Jackson 3 mappers the core shares: one for JSON, one for YAML, configured alike so that
 * anything they write is deterministic (map keys, bean properties and tree properties sorted; nulls
 * left out). Jackson mappers are immutable and thread-safe, so these single instances serve everyone.
 */
public final class Mappers {
  private static final JsonMapper JSON = deterministic(JsonMapper.builder()).build();

  private static final YAMLMapper YAML =
      deterministic(YAMLMapper.builder(YAMLFactory.builder().stringQuotingChecker(new TypeSafeQuoting()).build()))
          // Kubernetes style: no type tags, quotes only where a plain scalar would change meaning
          // (e.g. "False", "0644", ""), readable block text and no folded long lines.
          .disable(YAMLWriteFeature.USE_NATIVE_TYPE_ID)
          .disable(YAMLWriteFeature.USE_NATIVE_OBJECT_ID)
          .disable(YAMLWriteFeature.SPLIT_LINES)
          .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
          .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
          .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
          .build();

  private Mappers() {}

  /** The JSON mapper; its output is canonical (sorted keys), usable for hashing. */
  public static JsonMapper json() {
    return JSON;
  }

  /** The YAML mapper. */
  public static YAMLMapper yaml() {
    return YAML;
  }

  private static <M extends tools.jackson.databind.ObjectMapper, B extends MapperBuilder<M, B>> B deterministic(
      B builder) {
    return builder
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        // Otherwise record components (creator properties) keep declaration order.
        .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
        .changeDefaultPropertyInclusion(
            include -> include.withValueInclusion(JsonInclude.Include.NON_NULL));
  }
}
