package dev.fulcrum.sandbox.http;

import dev.fulcrum.sandbox.api.ApiException;
import dev.fulcrum.sandbox.support.Json;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One request and its response: query parameters, and JSON answers that wait for durability when needed. */
final class Exchange {

  private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);
  private static final String JSON = "application/json";

  private final HttpServerRequest request;
  private final Context context;

  Exchange(HttpServerRequest request, Context context) {
    this.request = request;
    this.context = context;
  }

  HttpServerRequest request() {
    return request;
  }

  Context context() {
    return context;
  }

  /** A query parameter, or null when absent or empty. */
  String param(String name) {
    String value = request.getParam(name);
    return value == null || value.isEmpty() ? null : value;
  }

  boolean flag(String name) {
    String value = param(name);
    return value != null && !value.equals("false") && !value.equals("0");
  }

  int intParam(String name, int fallback) {
    String value = param(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + ": invalid value \"" + value + "\": must be an integer");
    }
  }

  String header(String name) {
    return request.getHeader(name);
  }

  void json(int code, byte[] body) {
    json(code, Buffer.buffer(body));
  }

  void json(int code, Buffer body) {
    json(code, body, List.of());
  }

  void json(int code, Buffer body, List<String> warnings) {
    if (!onOwnEventLoop()) {
      context.runOnContext(v -> json(code, body, warnings));
      return;
    }
    HttpServerResponse response = request.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(code).putHeader(HttpHeaders.CONTENT_TYPE, JSON);
    for (String warning : warnings) {
      response.headers().add("Warning", "299 - \"" + warning.replace("\"", "'") + "\"");
    }
    if (request.method() == HttpMethod.HEAD) {
      response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length())).end();
    } else {
      response.end(body);
    }
  }

  void text(int code, String body) {
    if (!onOwnEventLoop()) {
      context.runOnContext(v -> text(code, body));
      return;
    }
    HttpServerResponse response = request.response();
    if (!response.ended() && !response.closed()) {
      response.setStatusCode(code).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(body);
    }
  }

  /** Responses are written from the request's own event loop (writes may finish on a worker thread). */
  private boolean onOwnEventLoop() {
    return Context.isOnEventLoopThread() && Vertx.currentContext() == context;
  }

  void error(ApiException error) {
    json(error.code(), Json.bytes(Bodies.status(error)));
  }

  /** Answers once a write is durable; a persistence failure becomes a 500. */
  void afterDurable(CompletableFuture<Void> durable, Runnable answer) {
    if (durable == null || (durable.isDone() && !durable.isCompletedExceptionally())) {
      answer.run();
      return;
    }
    durable.whenComplete((ignored, failure) -> context.runOnContext(v -> {
      if (failure != null) {
        LOG.error("A change was applied but could not be persisted", failure);
        error(ApiException.of(500, "InternalError", "the change could not be persisted: " + failure.getMessage()));
      } else {
        answer.run();
      }
    }));
  }
}
