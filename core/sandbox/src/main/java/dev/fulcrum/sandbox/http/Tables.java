package dev.fulcrum.sandbox.http;

import dev.fulcrum.sandbox.api.ResourceType;
import dev.fulcrum.sandbox.store.Entry;
import dev.fulcrum.sandbox.store.StoredEvent;
import dev.fulcrum.sandbox.support.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code meta.k8s.io Table} form kubectl asks for when it prints ({@code Accept:
 * application/json;as=Table;v=v1;g=meta.k8s.io,…}): a custom resource's {@code additionalPrinterColumns}, or
 * Name and Age, with {@code date} columns shown as ages like the apiserver does.
 */
final class Tables {

  /**
   * A request for tables.
   *
   * @param version {@code v1} or {@code v1beta1} of {@code meta.k8s.io}
   * @param includeObject {@code None}, {@code Metadata} (the default) or {@code Object}
   */
  record TableRequest(String version, String includeObject) {}

  private record Column(String name, String type, String format, String description, int priority,
      String jsonPath) {}

  private static final Column NAME = new Column("Name", "string", "name",
      "Name must be unique within a namespace.", 0, null);
  private static final Column AGE = new Column("Age", "date", "", "CreationTimestamp is a timestamp representing "
      + "the server time when this object was created.", 0, ".metadata.creationTimestamp");
  private static final Column PHASE = new Column("Status", "string", "", "The phase of the object.", 0,
      ".status.phase");

  private Tables() {}

  /** The table the Accept header asks for before any plain JSON, or null when it prefers JSON. */
  static TableRequest requested(String accept, String includeObject) {
    if (accept == null) {
      return null;
    }
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
      String as = null;
      String version = null;
      String group = null;
      for (int i = 1; i < parts.length; i++) {
        String[] parameter = parts[i].trim().split("=", 2);
        if (parameter.length == 2) {
          switch (parameter[0].trim()) {
            case "as" -> as = parameter[1].trim();
            case "v" -> version = parameter[1].trim();
            case "g" -> group = parameter[1].trim();
            default -> { }
          }
        }
      }
      boolean json = mediaType.equals("application/json") || mediaType.equals("*/*")
          || mediaType.equals("application/*");
      if (json && as == null) {
        return null;
      }
      if (json && "Table".equals(as) && "meta.k8s.io".equals(group)
          && ("v1".equals(version) || "v1beta1".equals(version))) {
        return new TableRequest(version, includeObject == null ? "Metadata" : includeObject);
      }
    }
    return null;
  }

  static ObjectNode table(TableRequest request, ResourceType type, List<Entry> entries, ObjectNode listMetadata) {
    List<Column> columns = columns(type);
    ObjectNode table = header(request, columns);
    table.set("metadata", listMetadata);
    ArrayNode rows = table.putArray("rows");
    Instant now = Instant.now();
    for (Entry entry : entries) {
      rows.add(row(request, columns, entry.object(), now));
    }
    return table;
  }

  /** A watch event whose object is a one-row table. */
  static byte[] frame(TableRequest request, ResourceType type, String eventType, Entry entry) {
    List<Column> columns = columns(type);
    ObjectNode table = header(request, columns);
    table.putObject("metadata").put("resourceVersion", Long.toString(entry.resourceVersion()));
    table.putArray("rows").add(row(request, columns, entry.object(), Instant.now()));
    return StoredEvent.frame(eventType, Json.bytes(table));
  }

  private static ObjectNode header(TableRequest request, List<Column> columns) {
    ObjectNode table = Json.object();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/" + request.version());
    ArrayNode definitions = table.putArray("columnDefinitions");
    for (Column column : columns) {
      ObjectNode definition = definitions.addObject();
      definition.put("name", column.name());
      definition.put("type", column.type());
      definition.put("format", column.format());
      definition.put("description", column.description());
      definition.put("priority", column.priority());
    }
    return table;
  }

  private static List<Column> columns(ResourceType type) {
    List<Column> columns = new ArrayList<>(List.of(NAME));
    JsonNode printerColumns = type.isCustom() ? type.custom().printerColumns() : null;
    if (printerColumns != null && printerColumns.isArray() && !printerColumns.isEmpty()) {
      for (JsonNode column : printerColumns) {
        columns.add(new Column(column.path("name").stringValue(""), column.path("type").stringValue("string"),
            column.path("format").stringValue(""), column.path("description").stringValue(""),
            column.path("priority").asInt(0), column.path("jsonPath").stringValue("")));
      }
      return columns;
    }
    if (type.is("", "namespaces") || type.is("", "pods")) {
      columns.add(PHASE);
    }
    columns.add(AGE);
    return columns;
  }

  private static ObjectNode row(TableRequest request, List<Column> columns, ObjectNode object, Instant now) {
    ObjectNode row = Json.object();
    ArrayNode cells = row.putArray("cells");
    for (Column column : columns) {
      if (column == NAME) {
        cells.add(object.path("metadata").path("name").stringValue(""));
      } else {
        cells.add(cell(column, JsonPathSubset.select(object, column.jsonPath()), now));
      }
    }
    switch (request.includeObject()) {
      case "None" -> { }
      case "Object" -> row.set("object", object);
      default -> {
        ObjectNode partial = row.putObject("object");
        partial.put("kind", "PartialObjectMetadata");
        partial.put("apiVersion", "meta.k8s.io/v1");
        JsonNode metadata = object.path("metadata");
        partial.set("metadata", metadata.isObject() ? ((ObjectNode) metadata.deepCopy()).without("managedFields")
            : Json.object());
      }
    }
    return row;
  }

  private static JsonNode cell(Column column, List<JsonNode> values, Instant now) {
    if (values.isEmpty() || values.get(0).isNull()) {
      return Json.MAPPER.getNodeFactory().nullNode();
    }
    if (values.size() > 1) {
      StringJoiner joined = new StringJoiner(",");
      values.forEach(value -> joined.add(value.isValueNode() ? value.asString() : Json.string(value)));
      return Json.MAPPER.getNodeFactory().textNode(joined.toString());
    }
    JsonNode value = values.get(0);
    if (column.type().equals("date") && value.isString()) {
      try {
        return Json.MAPPER.getNodeFactory().textNode(humanDuration(Duration.between(Instant.parse(value.asString()),
            now)));
      } catch (DateTimeParseException e) {
        return value;
      }
    }
    return value.isValueNode() ? value : Json.MAPPER.getNodeFactory().textNode(Json.string(value));
  }

  /** Ages as kubectl shows them: 45s, 3m20s, 5h, 2d3h, 400d. */
  static String humanDuration(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds < -1) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + seconds % 60 + "s";
    }
    if (minutes < 180) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      return minutes % 60 == 0 ? hours + "h" : hours + "h" + minutes % 60 + "m";
    }
    if (hours < 48) {
      return hours + "h";
    }
    long days = hours / 24;
    if (hours < 24 * 8) {
      return hours % 24 == 0 ? days + "d" : days + "d" + hours % 24 + "h";
    }
    if (days < 365 * 2) {
      return days + "d";
    }
    long years = days / 365;
    if (days < 365 * 8) {
      return days % 365 == 0 ? years + "y" : years + "y" + days % 365 + "d";
    }
    return years + "y";
  }
}
