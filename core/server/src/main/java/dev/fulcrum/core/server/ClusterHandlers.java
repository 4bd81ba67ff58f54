package dev.fulcrum.core.server;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.engine.Engine;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cluster endpoints. A cluster is shown as the {@code WorkloadCluster} object the management
 * cluster stores (without its {@code managedFields} bookkeeping); lists are {@code {items: [...]}}.
 * They run on worker threads: each calls the management cluster.
 */
final class ClusterHandlers {
  /** The media types a request body may have; JSON is YAML, so both are read alike. */
  private static final Set<String> REQUEST_MEDIA_TYPES =
      Set.of("application/json", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml");

  private final Engine engine;
  private final ProgressStreams streams;

  ClusterHandlers(Engine engine) {
    this.engine = engine;
    this.streams = new ProgressStreams(engine);
  }

  void listAll(RoutingContext ctx) {
    Responses.json(ctx, 200, items(engine.clusters().list(Optional.empty())));
  }

  void list(RoutingContext ctx) {
    Responses.json(ctx, 200, items(engine.clusters().list(Optional.of(ctx.pathParam("project")))));
  }

  void create(RoutingContext ctx) {
    ObjectNode created = engine.accept().create(body(ctx), ctx.pathParam("project"));
    ClusterRef ref = ClusterRef.of(created);
    ctx.response().putHeader("Location", "/api/v1/projects/" + ref.project() + "/clusters/" + ref.name());
    Responses.json(ctx, 201, view(created));
  }

  void get(RoutingContext ctx) {
    Responses.json(ctx, 200, view(find(ctx)));
  }

  void apply(RoutingContext ctx) {
    ClusterRef ref = ref(ctx);
    byte[] body = body(ctx);
    boolean existed = engine.clusters().get(ref).isPresent();
    Responses.json(ctx, existed ? 200 : 201, view(engine.accept().apply(body, ref)));
  }

  void delete(RoutingContext ctx) {
    ClusterRef ref = ref(ctx);
    if (!engine.clusters().delete(ref)) {
      throw notFound(ref);
    }
    // Accepted: the engine removes the cluster's Cluster API objects, then the cluster goes.
    Optional<ObjectNode> deleting = engine.clusters().get(ref);
    Responses.json(ctx, 202, deleting.<Object>map(ClusterHandlers::view).orElse(Map.of()));
  }

  void steps(RoutingContext ctx) {
    ObjectNode cluster = find(ctx);
    if ("true".equals(ctx.queryParams().get("watch"))) {
      streams.stream(ctx, ClusterRef.of(cluster));
    } else {
      Responses.json(ctx, 200, engine.progress(cluster));
    }
  }

  void events(RoutingContext ctx) {
    ObjectNode cluster = find(ctx);
    Responses.json(ctx, 200, Map.of("items", engine.events().list(ref(ctx), cluster.at("/metadata/uid").asString())));
  }

  void kubeconfig(RoutingContext ctx) {
    ObjectNode cluster = find(ctx);
    Responses.yaml(
        ctx,
        engine.kubeconfigs()
            .of(cluster)
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                        "cluster " + ref(ctx).name() + " has no kubeconfig yet: its first control-plane node is not"
                            + " ready")));
  }

  private ObjectNode find(RoutingContext ctx) {
    ClusterRef ref = ref(ctx);
    return engine.clusters().get(ref).orElseThrow(() -> notFound(ref));
  }

  private static ClusterRef ref(RoutingContext ctx) {
    return new ClusterRef(ctx.pathParam("project"), ctx.pathParam("name"));
  }

  private static ApiProblem notFound(ClusterRef ref) {
    return ApiProblem.notFound("project " + ref.project() + " has no cluster " + ref.name());
  }

  static byte[] body(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!REQUEST_MEDIA_TYPES.contains(mediaType)) {
      throw ApiProblem.unsupportedMediaType(
          "send the request as application/json or application/yaml"
              + (contentType == null ? "" : "; got " + contentType));
    }
    Buffer body = ctx.body().buffer();
    return body == null ? new byte[0] : body.getBytes();
  }

  private static Map<String, List<ObjectNode>> items(List<ObjectNode> clusters) {
    return Map.of("items", clusters.stream().map(ClusterHandlers::view).toList());
  }

  /** An object as the API shows it: as stored, without the API server's field bookkeeping. */
  static ObjectNode view(ObjectNode cluster) {
    ObjectNode view = cluster.deepCopy();
    ((ObjectNode) view.path("metadata")).remove("managedFields");
    return view;
  }
}
