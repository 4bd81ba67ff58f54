package dev.fulcrum.sandbox.http;

import dev.fulcrum.sandbox.api.ApiException;
import dev.fulcrum.sandbox.api.ListResult;
import dev.fulcrum.sandbox.api.ResourceType;
import dev.fulcrum.sandbox.api.StatusCause;
import dev.fulcrum.sandbox.store.Entry;
import dev.fulcrum.sandbox.store.StoredEvent;
import dev.fulcrum.sandbox.support.Json;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders response bodies: objects, lists (spliced from stored bytes), Status and watch frames. */
final class Bodies {

  private Bodies() {}

  /** An object as served under {@code type}'s version (stored custom resources may carry another version). */
  static byte[] object(ResourceType type, Entry entry) {
    if (type.apiVersion().equals(entry.apiVersion())) {
      return entry.json();
    }
    ObjectNode object = entry.object();
    object.put("apiVersion", type.apiVersion());
    return Json.bytes(object);
  }

  /** A list's {@code metadata}: resourceVersion, and where to continue. */
  static ObjectNode listMetadata(ListResult result) {
    ObjectNode metadata = Json.object();
    metadata.put("resourceVersion", Long.toString(result.resourceVersion()));
    if (result.continueToken() != null) {
      metadata.put("continue", result.continueToken());
    }
    if (result.remainingItemCount() != null) {
      metadata.put("remainingItemCount", result.remainingItemCount());
    }
    return metadata;
  }

  static Buffer list(ResourceType type, ListResult result) {
    ObjectNode metadata = listMetadata(result);
    String head = "{\"kind\":\"" + type.listKind() + "\",\"apiVersion\":\"" + type.apiVersion()
        + "\",\"metadata\":" + Json.string(metadata) + ",\"items\":[";
    Buffer buffer = Buffer.buffer(head.length() + result.items().size() * 512);
    buffer.appendString(head, "UTF-8");
    boolean first = true;
    for (Entry entry : result.items()) {
      if (!first) {
        buffer.appendByte((byte) ',');
      }
      buffer.appendBytes(object(type, entry));
      first = false;
    }
    return buffer.appendString("]}");
  }

  static ObjectNode status(ApiException error) {
    ObjectNode status = Json.object();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure");
    status.put("message", error.getMessage());
    status.put("reason", error.reason());
    if (error.name() != null || error.kind() != null || !error.causes().isEmpty()) {
      ObjectNode details = status.putObject("details");
      if (error.name() != null) {
        details.put("name", error.name());
      }
      if (error.group() != null) {
        details.put("group", error.group());
      }
      if (error.kind() != null) {
        details.put("kind", error.kind());
      }
      if (!error.causes().isEmpty()) {
        ArrayNode causes = details.putArray("causes");
        for (StatusCause cause : error.causes()) {
          ObjectNode node = causes.addObject();
          node.put("reason", cause.reason());
          node.put("message", cause.message());
          if (cause.field() != null) {
            node.put("field", cause.field());
          }
        }
      }
    }
    status.put("code", error.code());
    return status;
  }

  /** The Status a delete answers when the object is gone at once. */
  static byte[] deleted(ResourceType type, Entry entry) {
    ObjectNode status = Json.object();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Success");
    ObjectNode details = status.putObject("details");
    details.put("name", entry.name());
    details.put("group", type.group());
    details.put("kind", type.resource());
    details.put("uid", entry.uid());
    return Json.bytes(status);
  }

  /** A watch event for an object under {@code type}'s version. */
  static byte[] frame(ResourceType type, String eventType, Entry entry) {
    return StoredEvent.frame(eventType, object(type, entry));
  }

  /** A BOOKMARK event: only the kind, apiVersion and resourceVersion (plus, optionally, the end marker). */
  static byte[] bookmark(ResourceType type, long resourceVersion, boolean initialEventsEnd) {
    ObjectNode object = Json.object();
    object.put("kind", type.kind());
    object.put("apiVersion", type.apiVersion());
    ObjectNode metadata = object.putObject("metadata");
    metadata.put("resourceVersion", Long.toString(resourceVersion));
    if (initialEventsEnd) {
      metadata.putObject("annotations").put("k8s.io/initial-events-end", "true");
    }
    return StoredEvent.frame("BOOKMARK", Json.bytes(object));
  }

  /** An ERROR event carrying a Status, e.g. 410 Gone for a too-old resourceVersion. */
  static byte[] errorFrame(ApiException error) {
    return StoredEvent.frame("ERROR", Json.bytes(status(error)));
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
