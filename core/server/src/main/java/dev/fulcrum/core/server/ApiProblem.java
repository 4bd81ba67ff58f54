package dev.fulcrum.core.server;

import dev.fulcrum.core.yaml.Mappers;
import dev.fulcrum.spi.FieldError;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An error the API answers with, as an RFC 9457 problem ({@code application/problem+json}): a type
 * URI, a title per type, the HTTP status, a detail for this occurrence and, for bad input, every
 * problem at its field path ({@code errors[].path}, {@code errors[].message}).
 */
final class ApiProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final String MEDIA_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "https://fulcrum.dev/problems/";

  private final int status;
  private final String type;
  private final String title;
  private final transient List<FieldError> errors;

  ApiProblem(int status, String type, String title, String detail, List<FieldError> errors) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  static ApiProblem malformed(List<FieldError> errors) {
    return new ApiProblem(400, "malformed-request", "Malformed request", "the request cannot be read", errors);
  }

  static ApiProblem invalid(List<FieldError> errors) {
    return new ApiProblem(
        422, "invalid-request", "Invalid cluster request", errors.size() + " problem(s) with the request", errors);
  }

  static ApiProblem unauthorized() {
    return new ApiProblem(
        401, "unauthorized", "Unauthorized", "every endpoint needs an Authorization: Bearer <token> header with a valid token",
        List.of());
  }

  static ApiProblem notFound(String detail) {
    return new ApiProblem(404, "not-found", "Not found", detail, List.of());
  }

  static ApiProblem conflict(String detail, List<FieldError> errors) {
    return new ApiProblem(409, "conflict", "Conflict", detail, errors);
  }

  static ApiProblem unsupportedMediaType(String detail) {
    return new ApiProblem(415, "unsupported-media-type", "Unsupported media type", detail, List.of());
  }

  static ApiProblem tooLarge(long limit) {
    return new ApiProblem(
        413, "request-too-large", "Request too large", "the request body exceeds " + limit + " bytes", List.of());
  }

  static ApiProblem methodNotAllowed(String detail) {
    return new ApiProblem(405, "method-not-allowed", "Method not allowed", detail, List.of());
  }

  static ApiProblem managementCluster(String detail) {
    return new ApiProblem(502, "management-cluster-error", "The management cluster refused or failed", detail, List.of());
  }

  static ApiProblem internal() {
    return new ApiProblem(500, "internal-error", "Internal server error", "see the server's log", List.of());
  }

  int status() {
    return status;
  }

  ObjectNode toJson() {
    ObjectNode json = Mappers.json().createObjectNode();
    json.put("type", TYPE_BASE + type);
    json.put("title", title);
    json.put("status", status);
    json.put("detail", getMessage());
    if (!errors.isEmpty()) {
      ArrayNode list = json.putArray("errors");
      errors.forEach(error -> list.addObject().put("path", error.path()).put("message", error.message()));
    }
    return json;
  }
}
