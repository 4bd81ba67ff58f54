package dev.fulcrum.cli;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A refusal from the Fulcrum server: its problem's detail and, for bad input, every problem as
 * {@code path: message}.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient List<String> errors;

  private ApiException(int status, String message, List<String> errors) {
    super(message);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  /** From a problem+json body (or whatever else an unexpected answer holds). */
  static ApiException of(int status, JsonNode problem, String rawBody) {
    List<String> errors = new ArrayList<>();
    problem.path("errors").forEach(error -> errors.add(error.path("path").asString() + ": " + error.path("message").asString()));
    String detail = problem.path("detail").asString("");
    String title = problem.path("title").asString("");
    String message =
        !detail.isEmpty() ? detail : !title.isEmpty() ? title : "the server answered " + status + ": " + rawBody.strip();
    return new ApiException(status, message, errors);
  }

  /** The HTTP status. */
  int status() {
    return status;
  }

  /** Every problem with the input, as {@code path: message}; empty for other refusals. */
  List<String> errors() {
    return errors;
  }
}
