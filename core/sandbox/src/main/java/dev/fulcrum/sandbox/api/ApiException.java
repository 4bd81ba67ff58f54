package dev.fulcrum.sandbox.api;

import java.util.List;

/**
 * A request the sandbox refuses, carrying everything the Kubernetes {@code Status} body reports.
 * The HTTP layer renders it; the API layer throws it.
 */
public final class ApiException extends RuntimeException {

  private final int code;
  private final String reason;
  private final String group;
  private final String kind;
  private final String name;
  private final List<StatusCause> causes;

  private ApiException(int code, String reason, String message, String group, String kind, String name,
      List<StatusCause> causes) {
    super(message, null, false, false);
    this.code = code;
    this.reason = reason;
    this.group = group;
    this.kind = kind;
    this.name = name;
    this.causes = List.copyOf(causes);
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  public String group() {
    return group;
  }

  public String kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  public List<StatusCause> causes() {
    return causes;
  }

  public static ApiException of(int code, String reason, String message) {
    return new ApiException(code, reason, message, null, null, null, List.of());
  }

  /** Any failure with per-field causes (e.g. 409 apply conflicts). */
  public static ApiException withCauses(int code, String reason, String message, String group, String kind,
      String name, List<StatusCause> causes) {
    return new ApiException(code, reason, message, group, kind, name, causes);
  }

  public static ApiException badRequest(String message) {
    return of(400, "BadRequest", message);
  }

  public static ApiException notFound(String group, String resource, String name) {
    return new ApiException(404, "NotFound", resource + qualified(group) + " \"" + name + "\" not found",
        group, resource, name, List.of());
  }

  /** The answer for a path or resource type the sandbox does not serve. */
  public static ApiException unknownResource() {
    return of(404, "NotFound", "the server could not find the requested resource");
  }

  public static ApiException alreadyExists(String group, String resource, String name) {
    return new ApiException(409, "AlreadyExists", resource + qualified(group) + " \"" + name + "\" already exists",
        group, resource, name, List.of());
  }

  public static ApiException conflict(String group, String resource, String name, String why) {
    return new ApiException(409, "Conflict",
        "Operation cannot be fulfilled on " + resource + qualified(group) + " \"" + name + "\": " + why,
        group, resource, name, List.of());
  }

  public static ApiException staleResourceVersion(String group, String resource, String name) {
    return conflict(group, resource, name,
        "the object has been modified; please apply your changes to the latest version and try again");
  }

  /** 422 Invalid with every cause at once, message in the apiserver's shape. */
  public static ApiException invalid(String group, String kind, String name, List<StatusCause> causes) {
    StringBuilder message = new StringBuilder(kind).append(" \"").append(name == null ? "" : name)
        .append("\" is invalid: ");
    if (causes.size() > 1) {
      message.append('[');
    }
    for (int i = 0; i < causes.size(); i++) {
      StatusCause cause = causes.get(i);
      if (i > 0) {
        message.append(", ");
      }
      if (cause.field() != null) {
        message.append(cause.field()).append(": ");
      }
      message.append(cause.message());
    }
    if (causes.size() > 1) {
      message.append(']');
    }
    return new ApiException(422, "Invalid", message.toString(), group, kind, name, causes);
  }

  public static ApiException invalid(String group, String kind, String name, String field, String reason,
      String message) {
    return invalid(group, kind, name, List.of(new StatusCause(reason, message, field)));
  }

  public static ApiException forbidden(String group, String resource, String name, String why) {
    return new ApiException(403, "Forbidden",
        resource + qualified(group) + " \"" + name + "\" is forbidden: " + why, group, resource, name, List.of());
  }

  public static ApiException gone(String message) {
    return of(410, "Expired", message);
  }

  public static ApiException unsupportedMediaType(String contentType) {
    return of(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types "
        + "include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"
        + (contentType == null ? "" : " (got " + contentType + ")"));
  }

  public static ApiException methodNotAllowed(String verb) {
    return of(405, "MethodNotAllowed", "the server does not allow this method on the requested resource: " + verb);
  }

  public static ApiException tooLarge(long limit) {
    return of(413, "RequestEntityTooLarge", "the request body is too large: limit is " + limit + " bytes");
  }

  private static String qualified(String group) {
    return group == null || group.isEmpty() ? "" : "." + group;
  }
}
