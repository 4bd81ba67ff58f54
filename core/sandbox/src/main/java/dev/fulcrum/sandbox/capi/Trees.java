package dev.fulcrum.sandbox.capi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** JSON tree helpers and the simulator's deterministic (sorted-keys) JSON and YAML codecs. */
final class Trees {

  static final JsonMapper JSON = JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

  /** Kubernetes-style YAML: no document marker, quotes only where needed, literal blocks for multi-line text. */
  static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder().stringQuotingChecker(new YamlQuoting())
          .build())
      .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
      .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
      .disable(YAMLWriteFeature.SPLIT_LINES)
      .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
      .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
      .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
      .build();

  private Trees() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** The child object, created when absent or not an object. */
  static ObjectNode child(ObjectNode parent, String field) {
    JsonNode existing = parent.get(field);
    return existing instanceof ObjectNode object ? object : parent.putObject(field);
  }

  /** The child array, created when absent or not an array. */
  static ArrayNode childArray(ObjectNode parent, String field) {
    JsonNode existing = parent.get(field);
    return existing instanceof ArrayNode array ? array : parent.putArray(field);
  }

  /** A deep copy of an object node; an empty object for anything else. */
  static ObjectNode copyOf(JsonNode node) {
    return node instanceof ObjectNode object ? object.deepCopy() : object();
  }

  /** A JSON object of strings (labels, annotations) as a sorted map; empty for anything else. */
  static Map<String, String> stringMap(JsonNode map) {
    Map<String, String> result = new TreeMap<>();
    map.properties().forEach(entry -> result.put(entry.getKey(), entry.getValue().stringValue("")));
    return result;
  }

  static String yaml(JsonNode node) {
    return YAML.writeValueAsString(node);
  }

  /** The first {@code length} hex characters of the SHA-256 of a text. */
  static String hash(String text, int length) {
    return hash(JsonNodeFactory.instance.stringNode(text), length);
  }

  /** The first {@code length} hex characters of the SHA-256 of a tree's canonical (sorted-keys) JSON. */
  static String hash(JsonNode node, int length) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, length);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  /**
   * Whether two trees hold the same JSON: numbers compare by value, so an int read back from the API equals the
   * long it was written as.
   */
  static boolean same(JsonNode a, JsonNode b) {
    return a.equals((x, y) -> x.equals(y) || x.isNumber() && y.isNumber()
        && x.decimalValue().compareTo(y.decimalValue()) == 0 ? 0 : 1, b);
  }

  /** Kubernetes timestamps: RFC 3339, UTC, whole seconds. */
  static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
