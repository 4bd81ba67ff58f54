package dev.fulcrum.core.server;

import dev.fulcrum.core.agents.AgentSpec;
import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.engine.Engine;
import dev.fulcrum.core.yaml.Mappers;
import dev.fulcrum.spi.FieldError;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The agents' side of the API ({@code /api/v1/agent/...}): each agent authenticates with its own cluster's token
 * and sees nothing but that cluster's desired spec. The spec is long-polled: an agent passes the version it has,
 * and the answer comes as soon as the spec differs, or as {@code 304} after the wait, so idle clusters cost one
 * request per wait and no work.
 */
final class AgentHandlers {
  private static final Logger log = LoggerFactory.getLogger(AgentHandlers.class);
  private static final String SCHEME = "Bearer ";
  private static final String CLUSTER = "fulcrum.agentCluster";
  static final int MAX_WAIT_SECONDS = 60;

  private final Engine engine;

  AgentHandlers(Engine engine) {
    this.engine = engine;
  }

  /** Admits requests that carry a valid agent token, and remembers whose cluster it is. Runs on a worker thread. */
  void authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    boolean bearer = header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    Optional<ClusterRef> cluster =
        bearer ? engine.agentCredentials().verify(header.substring(SCHEME.length()).strip()) : Optional.empty();
    if (cluster.isEmpty()) {
      Responses.problem(ctx, ApiProblem.unauthorized());
      return;
    }
    ctx.put(CLUSTER, cluster.get());
    ctx.next();
  }

  /** {@code GET /api/v1/agent/spec?after=V&waitSeconds=N}. */
  void spec(RoutingContext ctx) {
    ClusterRef ref = ctx.get(CLUSTER);
    String after = Optional.ofNullable(ctx.request().getParam("after")).orElse("");
    int wait = waitSeconds(ctx.request().getParam("waitSeconds"));
    Optional<AgentSpec> now = current(ref);
    if (now.isEmpty()) {
      Responses.problem(ctx, ApiProblem.notFound("cluster " + ref + " does not exist"));
      return;
    }
    if (!now.get().version().equals(after) || wait == 0) {
      respond(ctx, now.get(), after);
      return;
    }
    new LongPoll(ctx, ref, after).start(wait);
  }

  /** {@code POST /api/v1/agent/status}. */
  void status(RoutingContext ctx) {
    ClusterRef ref = ctx.get(CLUSTER);
    JsonNode report;
    try {
      report = Mappers.json().readTree(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
    } catch (JacksonException e) {
      throw ApiProblem.malformed(List.of(new FieldError("", "the report is not JSON: " + e.getOriginalMessage())));
    }
    if (!(report instanceof ObjectNode object)) {
      throw ApiProblem.malformed(List.of(new FieldError("", "the report must be a JSON object")));
    }
    if (!engine.agentReports().record(ref, object)) {
      throw ApiProblem.notFound("cluster " + ref + " does not exist");
    }
    ctx.response().setStatusCode(204).end();
  }

  private Optional<AgentSpec> current(ClusterRef ref) {
    return engine.clusters().get(ref).map(cluster -> engine.desiredSpecs().of(cluster));
  }

  private static void respond(RoutingContext ctx, AgentSpec spec, String after) {
    if (spec.version().equals(after)) {
      ctx.response().setStatusCode(304).end();
    } else {
      Responses.json(ctx, 200, spec.toTree());
    }
  }

  private static int waitSeconds(String param) {
    if (param == null) {
      return 0;
    }
    try {
      return Math.max(0, Math.min(MAX_WAIT_SECONDS, Integer.parseInt(param)));
    } catch (NumberFormatException e) {
      throw ApiProblem.malformed(
          List.of(new FieldError("waitSeconds", "must be a whole number of seconds, 0 to " + MAX_WAIT_SECONDS)));
    }
  }

  /** One waiting request: answered on the first change that alters the spec, or when the wait is over. */
  private final class LongPoll {
    private final RoutingContext ctx;
    private final ClusterRef ref;
    private final String after;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final AtomicBoolean checking = new AtomicBoolean();
    private AutoCloseable listening;
    private long timer;

    LongPoll(RoutingContext ctx, ClusterRef ref, String after) {
      this.ctx = ctx;
      this.ref = ref;
      this.after = after;
    }

    void start(int waitSeconds) {
      listening = engine.reconciler().onChange(ref, this::check);
      timer = ctx.vertx().setTimer(waitSeconds * 1000L, id -> finish(() -> ctx.response().setStatusCode(304).end()));
      ctx.response().closeHandler(closed -> finish(() -> {}));
      check(); // a change between the first look and listening is not missed
    }

    private void check() {
      if (answered.get() || !checking.compareAndSet(false, true)) {
        return;
      }
      ctx.vertx()
          .executeBlocking(() -> current(ref), false)
          .onComplete(
              result -> {
                checking.set(false);
                if (result.failed()) {
                  log.debug("Long poll of {} failed", ref, result.cause());
                  return;
                }
                Optional<AgentSpec> spec = result.result();
                if (spec.isEmpty()) {
                  finish(() -> Responses.problem(ctx, ApiProblem.notFound("cluster " + ref + " does not exist")));
                } else if (!spec.get().version().equals(after)) {
                  finish(() -> respond(ctx, spec.get(), after));
                }
              });
    }

    private void finish(Runnable answer) {
      if (!answered.compareAndSet(false, true)) {
        return;
      }
      ctx.vertx().cancelTimer(timer);
      try {
        listening.close();
      } catch (Exception e) {
        log.debug("Closing a long poll listener failed", e);
      }
      if (!ctx.response().ended() && !ctx.response().closed()) {
        answer.run();
      }
    }
  }
}
