package dev.fulcrum.core.server;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets a request through only with {@code Authorization: Bearer <the admin token>}; answers 401
 * otherwise. The token is compared in constant time and never logged.
 */
final class BearerAuthentication implements Handler<RoutingContext> {
  private static final String SCHEME = "Bearer ";

  private final AdminToken token;

  BearerAuthentication(AdminToken token) {
    this.token = token;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    boolean bearer = header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    if (bearer && token.matches(header.substring(SCHEME.length()).strip())) {
      ctx.next();
    } else {
      Responses.problem(ctx, ApiProblem.unauthorized());
    }
  }
}
