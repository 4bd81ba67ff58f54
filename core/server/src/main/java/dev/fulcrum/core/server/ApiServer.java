package dev.fulcrum.core.server;

import dev.fulcrum.core.engine.Engine;
import dev.fulcrum.core.plugins.PluginStatus;
import dev.fulcrum.core.request.RequestReader;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fulcrum's REST API, {@code /api/v1}, over the engine. Every endpoint needs the administrator's
 * bearer token. Requests may be JSON or YAML; responses are JSON, errors are
 * {@code application/problem+json}. The OpenAPI document ({@code /api/v1/openapi.yaml} and
 * {@code .json}) describes every route.
 *
 * <p>Routes:
 *
 * <pre>
 * GET    /api/v1/clusters                                    every project's clusters
 * GET    /api/v1/projects/{project}/clusters                 one project's clusters
 * POST   /api/v1/projects/{project}/clusters                 create (409 if it exists)
 * GET    /api/v1/projects/{project}/clusters/{name}          one cluster
 * PUT    /api/v1/projects/{project}/clusters/{name}          create or change (apply)
 * DELETE /api/v1/projects/{project}/clusters/{name}          delete
 * GET    /api/v1/projects/{project}/clusters/{name}/steps    progress; ?watch=true streams it (SSE)
 * GET    /api/v1/projects/{project}/clusters/{name}/events   events, oldest first
 * GET    /api/v1/projects/{project}/clusters/{name}/kubeconfig  the workload cluster's admin kubeconfig
 * GET    /api/v1/profiles                                    every profile version
 * POST   /api/v1/profiles                                    publish a profile version (or apply it again)
 * GET    /api/v1/profiles/{profile}                          one profile's versions
 * GET    /api/v1/profiles/{profile}/versions/{version}       one profile version
 * DELETE /api/v1/profiles/{profile}/versions/{version}       delete a version no cluster uses (409 if in use)
 * GET    /api/v1/plugins                                     provider plugins and their state
 * GET    /api/v1/management/kubeconfig                       the embedded management cluster's kubeconfig
 * GET    /api/v1/openapi.yaml, /api/v1/openapi.json          this API's OpenAPI document
 * </pre>
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  private static final long START_TIMEOUT_SECONDS = 30;

  private final Vertx vertx;
  private final HttpServer server;
  private final Router router;
  private final String url;

  private ApiServer(Vertx vertx, HttpServer server, Router router, String host) {
    this.vertx = vertx;
    this.server = server;
    this.router = router;
    this.url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.actualPort();
  }

  /**
   * What the API serves.
   *
   * @param host the address to listen on
   * @param port the port; 0 for a free one
   * @param engine the engine
   * @param plugins what became of every provider plugin
   * @param token the administrator's token
   * @param managementKubeconfig the kubeconfig of the embedded management cluster, when the server
   *     runs one; empty with an external management cluster (its credentials are not the API's to
   *     hand out)
   */
  public record Config(
      String host,
      int port,
      Engine engine,
      List<PluginStatus> plugins,
      AdminToken token,
      Optional<String> managementKubeconfig) {}

  /**
   * Starts listening.
   *
   * @throws IllegalStateException if the address cannot be listened on
   */
  public static ApiServer start(Config config) {
    Vertx vertx = Vertx.vertx();
    try {
      Router router = router(vertx, config);
      HttpServer server =
          vertx
              .createHttpServer()
              .requestHandler(router)
              .listen(config.port(), config.host())
              .toCompletionStage()
              .toCompletableFuture()
              .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      ApiServer api = new ApiServer(vertx, server, router, config.host());
      log.info("REST API listening on {}/api/v1", api.url());
      return api;
    } catch (ExecutionException | TimeoutException e) {
      vertx.close();
      throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      vertx.close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the REST API", e);
    }
  }

  /** The base URL, e.g. {@code http://127.0.0.1:7080}. */
  public String url() {
    return url;
  }

  /** The port listened on. */
  public int port() {
    return server.actualPort();
  }

  /** Every route served, as {@code METHOD path} with OpenAPI-style {@code {parameters}}. */
  List<String> routes() {
    return router.getRoutes().stream()
        .filter(route -> route.getPath() != null && route.methods() != null)
        .flatMap(route -> route.methods().stream().map(method -> method.name() + " " + openApiPath(route.getPath())))
        .sorted()
        .toList();
  }

  @Override
  public void close() {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log.debug("REST API did not close cleanly", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      vertx.close();
    }
  }

  private static Router router(Vertx vertx, Config config) {
    Router router = Router.router(vertx);
    ClusterHandlers clusters = new ClusterHandlers(config.engine());
    OpenApiDocument openApi = OpenApiDocument.load();

    ProfileHandlers profiles = new ProfileHandlers(config.engine().profileReader(), config.engine().profiles());
    AgentHandlers agents = new AgentHandlers(config.engine());
    // The body handler goes first: the agents' authentication below runs on a worker thread.
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(RequestReader.MAX_INPUT_BYTES));
    // Agents present their own cluster's token, never the administrator's.
    router.routeWithRegex("/api/(?!v1/agent/).*").handler(new BearerAuthentication(config.token()));
    router.route("/api/v1/agent/*").blockingHandler(agents::authenticate, false);

    router.get("/api/v1/clusters").blockingHandler(clusters::listAll, false);
    router.get("/api/v1/projects/:project/clusters").blockingHandler(clusters::list, false);
    router.post("/api/v1/projects/:project/clusters").blockingHandler(clusters::create, false);
    router.get("/api/v1/projects/:project/clusters/:name").blockingHandler(clusters::get, false);
    router.put("/api/v1/projects/:project/clusters/:name").blockingHandler(clusters::apply, false);
    router.delete("/api/v1/projects/:project/clusters/:name").blockingHandler(clusters::delete, false);
    router.get("/api/v1/projects/:project/clusters/:name/steps").blockingHandler(clusters::steps, false);
    router.get("/api/v1/projects/:project/clusters/:name/events").blockingHandler(clusters::events, false);
    router.get("/api/v1/projects/:project/clusters/:name/kubeconfig").blockingHandler(clusters::kubeconfig, false);
    router.get("/api/v1/profiles").blockingHandler(profiles::list, false);
    router.post("/api/v1/profiles").blockingHandler(profiles::apply, false);
    router.get("/api/v1/profiles/:profile").blockingHandler(profiles::versions, false);
    router.get("/api/v1/profiles/:profile/versions/:version").blockingHandler(profiles::get, false);
    router.delete("/api/v1/profiles/:profile/versions/:version").blockingHandler(profiles::delete, false);
    router.get("/api/v1/agent/spec").blockingHandler(agents::spec, false);
    router.post("/api/v1/agent/status").blockingHandler(agents::status, false);
    router.get("/api/v1/plugins").handler(ctx -> Responses.json(ctx, 200, config.plugins()));
    router
        .get("/api/v1/management/kubeconfig")
        .handler(
            ctx ->
                Responses.yaml(
                    ctx,
                    config.managementKubeconfig()
                        .orElseThrow(
                            () ->
                                ApiProblem.notFound(
                                    "this server uses an external management cluster; use its own kubeconfig"))));
    router.get("/api/v1/openapi.yaml").handler(ctx -> Responses.yaml(ctx, openApi.yaml()));
    router.get("/api/v1/openapi.json").handler(ctx -> Responses.json(ctx, 200, openApi.json()));

    router.route().failureHandler(ApiServer::failure);
    // Requests no route took: an unknown path, or a known path with another method.
    router.errorHandler(404, ApiServer::failure);
    router.errorHandler(405, ApiServer::failure);
    return router;
  }

  private static void failure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    ApiProblem problem;
    if (failure != null) {
      problem = Failures.problem(failure);
    } else if (ctx.statusCode() == 413) {
      problem = ApiProblem.tooLarge(RequestReader.MAX_INPUT_BYTES);
    } else if (ctx.statusCode() == 405) {
      problem = ApiProblem.methodNotAllowed(ctx.request().method() + " is not allowed on " + ctx.normalizedPath());
    } else if (ctx.statusCode() == 404) {
      problem = ApiProblem.notFound("no such resource: " + ctx.normalizedPath());
    } else {
      problem = ApiProblem.internal();
    }
    if (problem.status() == 500) {
      log.error("{} {} failed", ctx.request().method(), ctx.normalizedPath(), failure);
    }
    Responses.problem(ctx, problem);
  }

  private static String openApiPath(String vertxPath) {
    return vertxPath.replaceAll(":([A-Za-z]+)", "{$1}");
  }
}
