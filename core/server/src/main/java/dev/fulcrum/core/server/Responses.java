package dev.fulcrum.core.server;

import dev.fulcrum.core.yaml.Mappers;
import io.vertx.ext.web.RoutingContext;

/** Writes responses: JSON bodies, YAML documents, problems. */
final class Responses {
  static final String JSON = "application/json";
  static final String YAML = "application/yaml";

  private Responses() {}

  static void json(RoutingContext ctx, int status, Object body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", JSON)
        .end(Mappers.json().writerWithDefaultPrettyPrinter().writeValueAsString(body) + "\n");
  }

  static void yaml(RoutingContext ctx, String document) {
    ctx.response().setStatusCode(200).putHeader("Content-Type", YAML).end(document);
  }

  static void problem(RoutingContext ctx, ApiProblem problem) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (problem.status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"fulcrum\"");
    }
    ctx.response()
        .setStatusCode(problem.status())
        .putHeader("Content-Type", ApiProblem.MEDIA_TYPE)
        .end(Mappers.json().writerWithDefaultPrettyPrinter().writeValueAsString(problem.toJson()) + "\n");
  }
}
