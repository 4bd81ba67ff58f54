package dev.fulcrum.sandbox.http;

import dev.fulcrum.sandbox.api.ApiException;
import dev.fulcrum.sandbox.api.BuiltinResources;
import dev.fulcrum.sandbox.api.DeleteOptions;
import dev.fulcrum.sandbox.api.DeleteOptions.PropagationPolicy;
import dev.fulcrum.sandbox.api.FieldSelector;
import dev.fulcrum.sandbox.api.LabelSelector;
import dev.fulcrum.sandbox.api.ListOptions;
import dev.fulcrum.sandbox.api.ListResult;
import dev.fulcrum.sandbox.api.ResourceCatalog;
import dev.fulcrum.sandbox.api.ResourceOperations;
import dev.fulcrum.sandbox.api.ResourceType;
import dev.fulcrum.sandbox.api.WriteOptions;
import dev.fulcrum.sandbox.api.WriteOptions.FieldValidation;
import dev.fulcrum.sandbox.api.WriteResult;
import dev.fulcrum.sandbox.http.RequestInfo.Endpoint;
import dev.fulcrum.sandbox.http.RequestInfo.Verb;
import dev.fulcrum.sandbox.store.Cluster;
import dev.fulcrum.sandbox.store.ClusterClosedException;
import dev.fulcrum.sandbox.store.Entry;
import dev.fulcrum.sandbox.support.Json;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox's single, cluster-agnostic HTTP handler: resolves the {@link RequestInfo} once, then serves
 * discovery, OpenAPI and resource requests for whichever cluster the path names.
 */
public final class ApiHandler implements Handler<HttpServerRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final int MAX_FIELD_MANAGER_LENGTH = 128;

  private final Function<String, Cluster> clusters;
  private final ResourceOperations operations;
  private final HttpLimits limits;
  private final RequestBodies bodies;
  private final Watches watches;
  private final Patches patches;
  private final OpenApi openApi;

  public ApiHandler(Function<String, Cluster> clusters, ResourceOperations operations, Clock clock,
      HttpLimits limits) {
    this.clusters = clusters;
    this.operations = operations;
    this.limits = limits;
    this.bodies = new RequestBodies(limits.maxRequestBodyBytes());
    this.watches = new Watches(limits);
    this.patches = new Patches(operations, clock);
    this.openApi = new OpenApi();
  }

  @Override
  public void handle(HttpServerRequest request) {
    Context context = Vertx.currentContext();
    Exchange exchange = new Exchange(request, context);
    try {
      RequestInfo info = RequestInfo.parse(request.method(), request.path(), exchange.flag("watch"));
      Cluster cluster = clusters.apply(info.cluster());
      if (cluster == null) {
        throw ApiException.of(404, "NotFound", "cluster \"" + info.cluster() + "\" not found");
      }
      serve(exchange, info, cluster);
    } catch (ApiException e) {
      exchange.error(e);
    } catch (ClusterClosedException e) {
      exchange.error(ApiException.of(404, "NotFound", e.getMessage()));
    } catch (RuntimeException e) {
      internalError(exchange, e);
    }
  }

  private void serve(Exchange exchange, RequestInfo info, Cluster cluster) {
    ResourceCatalog.Snapshot catalog = ResourceCatalog.of(cluster).snapshot();
    if (info.endpoint() != Endpoint.RESOURCE && !isRead(exchange)) {
      throw ApiException.methodNotAllowed(exchange.request().method().name());
    }
    switch (info.endpoint()) {
      case ROOT -> exchange.json(200, Bodies.utf8("{\"paths\":[\"/api\",\"/api/v1\",\"/apis\",\"/healthz\","
          + "\"/livez\",\"/openapi/v3\",\"/readyz\",\"/version\"]}"));
      case HEALTH -> exchange.text(200, "ok");
      case VERSION -> exchange.json(200, DiscoveryDocuments.version());
      case API_VERSIONS -> exchange.json(200, DiscoveryDocuments.apiVersions());
      case API_GROUP_LIST -> exchange.json(200, DiscoveryDocuments.groupList(catalog));
      case API_GROUP -> exchange.json(200, found(DiscoveryDocuments.group(catalog, info.group())));
      case RESOURCE_LIST ->
          exchange.json(200, found(DiscoveryDocuments.resourceList(catalog, info.group(), info.version())));
      case OPENAPI_V2 -> throw ApiException.unknownResource();
      case OPENAPI_V3_INDEX -> exchange.json(200, openApi.index(catalog));
      case OPENAPI_V3_DOCUMENT -> exchange.json(200, found(openApi.document(catalog, info.group(), info.version())));
      case RESOURCE -> serveResource(exchange, info, cluster, catalog);
      default -> throw ApiException.unknownResource();
    }
  }

  private static boolean isRead(Exchange exchange) {
    String method = exchange.request().method().name();
    return method.equals("GET") || method.equals("HEAD");
  }

  private static byte[] found(byte[] document) {
    if (document == null) {
      throw ApiException.unknownResource();
    }
    return document;
  }

  private void serveResource(Exchange exchange, RequestInfo info, Cluster cluster, ResourceCatalog.Snapshot catalog) {
    ResourceType type = catalog.find(info.group(), info.version(), info.resource());
    if (type == null) {
      throw ApiException.unknownResource();
    }
    checkSubresource(type, info);
    String namespace = type.namespaced() ? info.namespace() : null;
    boolean misplacedNamespace = !type.namespaced() && info.namespace() != null && !type.is("", "namespaces");
    if (misplacedNamespace || (type.namespaced() && info.name() != null && namespace == null)) {
      throw ApiException.unknownResource();
    }
    String name = info.name();
    switch (info.verb()) {
      case GET -> get(exchange, cluster, type, namespace, name, info.subresource());
      case LIST -> list(exchange, cluster, type, namespace);
      case WATCH -> watches.start(exchange, cluster, type, namespace, listOptions(exchange, type),
          tableRequest(exchange));
      case CREATE -> {
        if (name != null) {
          throw ApiException.methodNotAllowed("POST on a named " + type.resource());
        }
        bodies.read(exchange, body -> write(exchange, type, () -> create(exchange, cluster, type, namespace, body)));
      }
      case UPDATE -> bodies.read(exchange, body -> write(exchange, type, () -> update(exchange, cluster, type,
          namespace, name, info.subresource(), body)));
      case PATCH -> bodies.read(exchange, body -> write(exchange, type, () -> patch(exchange, cluster, type, namespace,
          name, info.subresource(), body)));
      case DELETE -> bodies.read(exchange, body -> delete(exchange, cluster, type, namespace, name, body));
      case DELETE_COLLECTION -> bodies.read(exchange, body -> deleteCollection(exchange, cluster, type, namespace,
          body));
      default -> throw ApiException.methodNotAllowed(info.verb().name());
    }
  }

  /**
   * Runs a write. CRD writes compile and check large schemas (tens of milliseconds for CAPI's), so they run on
   * a worker thread rather than holding up the event loop; everything else is quick and runs in place.
   */
  private static void write(Exchange exchange, ResourceType type, Runnable action) {
    if (!type.equals(BuiltinResources.CUSTOM_RESOURCE_DEFINITIONS)) {
      action.run();
      return;
    }
    exchange.context().executeBlocking(() -> {
      guarded(exchange, action);
      return null;
    }, false);
  }

  private static void checkSubresource(ResourceType type, RequestInfo info) {
    String subresource = info.subresource();
    if (subresource == null) {
      return;
    }
    boolean served = switch (subresource) {
      case "status" -> type.statusSubresource();
      case "scale" -> type.scale() != null;
      case "finalize" -> type.is("", "namespaces");
      default -> false;
    };
    Verb verb = info.verb();
    boolean verbAllowed = verb == Verb.GET || verb == Verb.UPDATE || verb == Verb.PATCH;
    if (!served || !verbAllowed || (subresource.equals("finalize") && verb != Verb.UPDATE)) {
      throw ApiException.unknownResource();
    }
  }

  // ---------------------------------------------------------------- reads

  private void get(Exchange exchange, Cluster cluster, ResourceType type, String namespace, String name,
      String subresource) {
    Entry entry = operations.get(cluster, type, namespace, name);
    Tables.TableRequest table = tableRequest(exchange);
    if ("scale".equals(subresource)) {
      exchange.json(200, Json.bytes(Scales.of(type, entry.object())));
    } else if (table != null && subresource == null) {
      ObjectNode metadata = Json.object().put("resourceVersion", Long.toString(entry.resourceVersion()));
      exchange.json(200, Json.bytes(Tables.table(table, type, List.of(entry), metadata)));
    } else {
      exchange.json(200, Bodies.object(type, entry));
    }
  }

  private void list(Exchange exchange, Cluster cluster, ResourceType type, String namespace) {
    ListResult result = operations.list(cluster, type, namespace, listOptions(exchange, type));
    Tables.TableRequest table = tableRequest(exchange);
    if (table != null) {
      exchange.json(200, Json.bytes(Tables.table(table, type, result.items(), Bodies.listMetadata(result))));
    } else {
      exchange.json(200, Bodies.list(type, result));
    }
  }

  private static Tables.TableRequest tableRequest(Exchange exchange) {
    return Tables.requested(exchange.header("Accept"), exchange.param("includeObject"));
  }

  private ListOptions listOptions(Exchange exchange, ResourceType type) {
    int limit = exchange.intParam("limit", 0);
    if (limit < 0) {
      throw ApiException.badRequest("limit: must be a non-negative integer");
    }
    return new ListOptions(LabelSelector.parse(exchange.param("labelSelector")),
        FieldSelector.parse(exchange.param("fieldSelector"), type), limit, exchange.param("continue"));
  }

  // ---------------------------------------------------------------- writes

  private void create(Exchange exchange, Cluster cluster, ResourceType type, String namespace, Buffer body) {
    JsonNode object = bodies.object(exchange, body);
    WriteResult result = operations.create(cluster, type, namespace, object, writeOptions(exchange));
    answer(exchange, type, result, result.created() || writeOptions(exchange).dryRun() ? 201 : 200);
  }

  private void update(Exchange exchange, Cluster cluster, ResourceType type, String namespace, String name,
      String subresource, Buffer body) {
    JsonNode object = bodies.object(exchange, body);
    WriteOptions options = writeOptions(exchange);
    if ("scale".equals(subresource)) {
      WriteResult result = operations.mutate(cluster, type, namespace, name, subresource,
          current -> Scales.applyTo(type, current, object), false, options);
      exchange.afterDurable(result.durable(),
          () -> exchange.json(200, Json.bytes(Scales.of(type, result.object().object()))));
      return;
    }
    if ("finalize".equals(subresource)) {
      WriteResult result = operations.mutate(cluster, type, namespace, name, subresource,
          current -> Namespaces.withFinalizersOf(current, object), false, options);
      answer(exchange, type, result, 200);
      return;
    }
    WriteResult result = operations.update(cluster, type, namespace, name, subresource, object, options);
    answer(exchange, type, result, 200);
  }

  private void patch(Exchange exchange, Cluster cluster, ResourceType type, String namespace, String name,
      String subresource, Buffer body) {
    String contentType = exchange.header(HttpHeaders.CONTENT_TYPE.toString());
    WriteResult result = patches.patch(cluster, type, namespace, name, subresource, contentType, body.getBytes(),
        writeOptions(exchange), exchange.flag("force"), exchange.param("fieldManager") != null);
    if ("scale".equals(subresource)) {
      exchange.afterDurable(result.durable(),
          () -> exchange.json(200, Json.bytes(Scales.of(type, result.object().object()))));
    } else {
      answer(exchange, type, result, result.created() ? 201 : 200);
    }
  }

  private void delete(Exchange exchange, Cluster cluster, ResourceType type, String namespace, String name,
      Buffer body) {
    WriteResult result = operations.delete(cluster, type, namespace, name, deleteOptions(exchange, body));
    exchange.afterDurable(result.durable(), () -> exchange.json(200, result.removed()
        ? Buffer.buffer(Bodies.deleted(type, result.object())) : Buffer.buffer(Bodies.object(type, result.object()))));
  }

  private void deleteCollection(Exchange exchange, Cluster cluster, ResourceType type, String namespace,
      Buffer body) {
    List<WriteResult> results = operations.deleteCollection(cluster, type, namespace, listOptions(exchange, type),
        deleteOptions(exchange, body));
    List<Entry> deleted = new ArrayList<>();
    results.forEach(result -> deleted.add(result.object()));
    ListResult list = new ListResult(cluster.resourceVersion(), deleted, null, null);
    exchange.afterDurable(results.isEmpty() ? null : results.get(results.size() - 1).durable(),
        () -> exchange.json(200, Bodies.list(type, list)));
  }

  private static void answer(Exchange exchange, ResourceType type, WriteResult result, int code) {
    exchange.afterDurable(result.durable(),
        () -> exchange.json(code, Buffer.buffer(Bodies.object(type, result.object())), result.warnings()));
  }

  private static WriteOptions writeOptions(Exchange exchange) {
    String dryRun = exchange.param("dryRun");
    if (dryRun != null && !dryRun.equals("All")) {
      throw ApiException.badRequest("dryRun: Unsupported value: \"" + dryRun + "\": supported values: \"All\"");
    }
    String manager = exchange.param("fieldManager");
    if (manager == null) {
      String agent = exchange.header("User-Agent");
      manager = agent == null || agent.isEmpty() ? "unknown" : agent.split("/", 2)[0];
    }
    if (manager.length() > MAX_FIELD_MANAGER_LENGTH) {
      throw ApiException.badRequest("fieldManager: Too long: must have at most " + MAX_FIELD_MANAGER_LENGTH
          + " bytes");
    }
    return new WriteOptions(manager, dryRun != null, fieldValidation(exchange.param("fieldValidation")), false);
  }

  private static FieldValidation fieldValidation(String value) {
    if (value == null) {
      return FieldValidation.STRICT;
    }
    return switch (value) {
      case "Strict" -> FieldValidation.STRICT;
      case "Warn" -> FieldValidation.WARN;
      case "Ignore" -> FieldValidation.IGNORE;
      default -> throw ApiException.badRequest("fieldValidation: Unsupported value: \"" + value
          + "\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
    };
  }

  private DeleteOptions deleteOptions(Exchange exchange, Buffer body) {
    JsonNode options = body.length() == 0 ? Json.object() : bodies.object(exchange, body);
    String policy = options.path("propagationPolicy").stringValue(exchange.param("propagationPolicy"));
    Boolean orphan = null;
    if (options.path("orphanDependents").isBoolean()) {
      orphan = options.path("orphanDependents").asBoolean();
    } else if (exchange.param("orphanDependents") != null) {
      orphan = exchange.flag("orphanDependents");
    }
    PropagationPolicy propagation = policy == null ? (orphan == null ? null
        : orphan ? PropagationPolicy.ORPHAN : PropagationPolicy.BACKGROUND) : propagationPolicy(policy);
    JsonNode preconditions = options.path("preconditions");
    boolean dryRun = options.path("dryRun").size() > 0 || "All".equals(exchange.param("dryRun"));
    return new DeleteOptions(propagation, preconditions.path("uid").stringValue(null),
        preconditions.path("resourceVersion").stringValue(null), dryRun);
  }

  private static PropagationPolicy propagationPolicy(String value) {
    return switch (value) {
      case "Background" -> PropagationPolicy.BACKGROUND;
      case "Foreground" -> PropagationPolicy.FOREGROUND;
      case "Orphan" -> PropagationPolicy.ORPHAN;
      default -> throw ApiException.badRequest("propagationPolicy: Unsupported value: \"" + value
          + "\": supported values: \"Background\", \"Foreground\", \"Orphan\"");
    };
  }

  private static void internalError(Exchange exchange, RuntimeException e) {
    if (e instanceof JacksonException jackson) {
      exchange.error(ApiException.badRequest("malformed request body: " + jackson.getOriginalMessage()));
      return;
    }
    LOG.error("Unexpected failure serving {} {}", exchange.request().method(), exchange.request().path(), e);
    exchange.error(ApiException.of(500, "InternalError", "an internal error occurred: "
        + e.getClass().getSimpleName().toLowerCase(Locale.ROOT)));
  }

  /** Runs body handlers with the same error mapping as the rest of the request. */
  static void guarded(Exchange exchange, Runnable action) {
    try {
      action.run();
    } catch (ApiException e) {
      exchange.error(e);
    } catch (ClusterClosedException e) {
      exchange.error(ApiException.of(404, "NotFound", e.getMessage()));
    } catch (RuntimeException e) {
      internalError(exchange, e);
    }
  }
}
