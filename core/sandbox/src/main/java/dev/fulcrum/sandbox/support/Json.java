package dev.fulcrum.sandbox.support;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The sandbox's single JSON/YAML codec and small tree helpers shared by every layer. */
public final class Json {

  public static final JsonMapper MAPPER = JsonMapper.builder().build();
  public static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** Parses bytes that the sandbox itself wrote (stored objects); failure is a bug, not bad input. */
  public static ObjectNode parseStored(byte[] json) {
    return (ObjectNode) MAPPER.readTree(json);
  }

  /** Parses a request body; throws {@link JacksonException} on malformed input. */
  public static JsonNode parse(byte[] json) {
    return MAPPER.readTree(json);
  }

  public static JsonNode parseYaml(byte[] yaml) {
    return YAML.readTree(yaml);
  }

  public static byte[] bytes(JsonNode node) {
    return MAPPER.writeValueAsBytes(node);
  }

  public static String string(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /** The text of a string field, or null when it is absent, null or not a string. */
  public static String text(JsonNode node, String field) {
    return node.path(field).stringValue(null);
  }

  /** The child object, created when absent or not an object. */
  public static ObjectNode child(ObjectNode parent, String field) {
    JsonNode existing = parent.get(field);
    if (existing instanceof ObjectNode object) {
      return object;
    }
    return parent.putObject(field);
  }

  /** Kubernetes timestamps: RFC 3339, UTC, whole seconds. */
  public static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
