package dev.fulcrum.sandbox.http;

import dev.fulcrum.sandbox.api.ApiException;
import dev.fulcrum.sandbox.support.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reads request bodies within the size limit and decodes them by content type. */
final class RequestBodies {

  private final long maxBytes;

  RequestBodies(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * Collects the body, then runs {@code handler} with it. A body over the limit gets 413 without being
   * buffered, and the connection is closed.
   */
  void read(Exchange exchange, Consumer<Buffer> handler) {
    HttpServerRequest request = exchange.request();
    String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    boolean[] rejected = {false};
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > maxBytes) {
          rejected[0] = true;
          exchange.error(ApiException.tooLarge(maxBytes));
        }
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("invalid Content-Length: " + declared);
      }
    }
    Buffer body = Buffer.buffer();
    // past the limit the rest is read and discarded, never buffered, so the client still gets the answer
    request.handler(chunk -> {
      if (rejected[0]) {
        return;
      }
      if (body.length() + chunk.length() > maxBytes) {
        rejected[0] = true;
        exchange.error(ApiException.tooLarge(maxBytes));
        return;
      }
      body.appendBuffer(chunk);
    });
    request.exceptionHandler(e -> rejected[0] = true);
    request.endHandler(v -> {
      if (!rejected[0]) {
        ApiHandler.guarded(exchange, () -> handler.accept(body));
      }
    });
  }

  /** A create/update body: JSON (the default) or YAML. */
  JsonNode object(Exchange exchange, Buffer body) {
    if (body.length() == 0) {
      throw ApiException.badRequest("the request body is empty");
    }
    String contentType = mediaType(exchange.header(HttpHeaders.CONTENT_TYPE.toString()));
    try {
      return switch (contentType) {
        case "", "application/json", "*/*" -> Json.parse(body.getBytes());
        case "application/yaml", "application/x-yaml", "text/yaml" -> Json.parseYaml(body.getBytes());
        case "application/vnd.kubernetes.protobuf" -> ProtobufBodies.decode(body.getBytes());
        default -> throw ApiException.of(415, "UnsupportedMediaType", "the body of the request was in an unknown "
            + "format - accepted media types include: application/json, application/yaml, "
            + "application/vnd.kubernetes.protobuf (got " + contentType + ")");
      };
    } catch (JacksonException e) {
      throw ApiException.badRequest("the request body is not valid " + (contentType.contains("yaml") ? "YAML" : "JSON")
          + ": " + e.getOriginalMessage());
    }
  }

  /** The media type without parameters, lower case; empty when absent. */
  static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }
}
