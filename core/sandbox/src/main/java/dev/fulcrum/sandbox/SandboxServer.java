package dev.fulcrum.sandbox;

import dev.fulcrum.sandbox.api.FieldManagement;
import dev.fulcrum.sandbox.api.ResourceOperations;
import dev.fulcrum.sandbox.gc.GarbageCollector;
import dev.fulcrum.sandbox.http.ApiHandler;
import dev.fulcrum.sandbox.http.HttpLimits;
import dev.fulcrum.sandbox.http.RequestInfo;
import dev.fulcrum.sandbox.persist.Persistence;
import dev.fulcrum.sandbox.persist.RecoveredCluster;
import dev.fulcrum.sandbox.support.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.node.ObjectNode;

/**
 * An embedded Kubernetes API server for many simulated clusters on one listener: each cluster is served
 * under {@code /clusters/<name>} with its own store and resourceVersion sequence. The cluster named
 * {@value #MANAGEMENT} always exists.
 *
 * <p>Used as the management cluster when no kubeconfig is configured and as the API of every simulated
 * workload cluster; fabric8 and kubectl accept the prefixed server URLs.
 */
public final class SandboxServer implements AutoCloseable {

  /** The management cluster's name. */
  public static final String MANAGEMENT = "management";

  private static final long START_TIMEOUT_SECONDS = 30;

  private final Vertx vertx;
  private final HttpServer httpServer;
  private final ClusterDirectory clusters;
  private final GarbageCollector garbageCollector;
  private final Persistence persistence;
  private final String url;

  private SandboxServer(Vertx vertx, HttpServer httpServer, ClusterDirectory clusters,
      GarbageCollector garbageCollector, Persistence persistence, String host) {
    this.vertx = vertx;
    this.httpServer = httpServer;
    this.clusters = clusters;
    this.garbageCollector = garbageCollector;
    this.persistence = persistence;
    this.url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + httpServer.actualPort();
  }

  /** Starts a sandbox; with a data directory, every cluster it held before is served again. */
  public static SandboxServer start(SandboxOptions options) {
    SandboxLimits limits = options.limits();
    Clock clock = Clock.systemUTC();
    ResourceOperations operations = new ResourceOperations(clock, new FieldManagement());
    GarbageCollector garbageCollector = new GarbageCollector(operations);
    Persistence persistence = null;
    Vertx vertx = null;
    try {
      if (options.dataDir() != null) {
        persistence = Persistence.open(options.dataDir(), limits.logSegmentBytes(), false);
      }
      ClusterDirectory clusters = new ClusterDirectory(operations, garbageCollector, persistence, limits);
      if (persistence != null) {
        List<RecoveredCluster> recovered = List.copyOf(persistence.recover().values());
        recovered.forEach(clusters::restore);
        persistence.start(clusters::all);
      }
      clusters.create(MANAGEMENT);
      vertx = Vertx.vertx();
      HttpLimits httpLimits = new HttpLimits(limits.maxRequestBodyBytes(), limits.watcherBacklogBytes(),
          limits.bookmarkInterval().toMillis(), limits.minWatchTimeout().toSeconds(),
          limits.maxWatchTimeout().toSeconds());
      HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHandle100ContinueAutomatically(true))
          .requestHandler(new ApiHandler(clusters::get, operations, clock, httpLimits));
      server.listen(options.port(), options.host()).toCompletionStage().toCompletableFuture()
          .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return new SandboxServer(vertx, server, clusters, garbageCollector, persistence, options.host());
    } catch (IOException e) {
      cleanUp(vertx, garbageCollector, persistence);
      throw new UncheckedIOException("could not open the sandbox data directory " + options.dataDir(), e);
    } catch (ExecutionException | TimeoutException e) {
      cleanUp(vertx, garbageCollector, persistence);
      throw new IllegalStateException("could not listen on " + options.host() + ":" + options.port(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cleanUp(vertx, garbageCollector, persistence);
      throw new IllegalStateException("interrupted while starting the sandbox", e);
    } catch (RuntimeException e) {
      cleanUp(vertx, garbageCollector, persistence);
      throw e;
    }
  }

  /** The listener's base URL, e.g. {@code http://127.0.0.1:7443}. */
  public String url() {
    return url;
  }

  public int port() {
    return httpServer.actualPort();
  }

  /** The API server URL of one cluster, e.g. {@code http://127.0.0.1:7443/clusters/wc-1}. */
  public String clusterUrl(String name) {
    return url + RequestInfo.CLUSTER_PREFIX + name;
  }

  /** Creates a cluster (with namespaces default, kube-system, kube-public, kube-node-lease) unless it exists. */
  public void createCluster(String name) {
    clusters.create(name);
  }

  /** Deletes a cluster and everything in it; its watches end. The management cluster cannot be deleted. */
  public boolean deleteCluster(String name) {
    if (MANAGEMENT.equals(name)) {
      throw new IllegalArgumentException("the management cluster cannot be deleted");
    }
    return clusters.delete(name);
  }

  /** The names of the clusters served, sorted. */
  public List<String> clusters() {
    return clusters.names();
  }

  /** A kubeconfig (YAML) for one cluster: its URL with the prefix, and a token that any request may carry. */
  public String kubeconfig(String clusterName) {
    if (clusters.get(clusterName) == null) {
      throw new IllegalArgumentException("no cluster named " + clusterName);
    }
    ObjectNode config = Json.object();
    config.put("apiVersion", "v1");
    config.put("kind", "Config");
    ObjectNode cluster = config.putArray("clusters").addObject();
    cluster.put("name", clusterName);
    cluster.putObject("cluster").put("server", clusterUrl(clusterName));
    ObjectNode context = config.putArray("contexts").addObject();
    context.put("name", clusterName);
    ObjectNode contextBody = context.putObject("context");
    contextBody.put("cluster", clusterName);
    contextBody.put("user", "sandbox-admin");
    contextBody.put("namespace", "default");
    config.put("current-context", clusterName);
    ObjectNode user = config.putArray("users").addObject();
    user.put("name", "sandbox-admin");
    user.putObject("user").put("token", "sandbox");
    return Json.YAML.writeValueAsString(config);
  }

  /** Stops listening, ends every watch and flushes the data directory. */
  @Override
  public void close() {
    garbageCollector.close();
    clusters.closeAll();
    try {
      httpServer.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // closing is best effort; the data directory is flushed below either way
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    cleanUp(vertx, garbageCollector, persistence);
  }

  private static void cleanUp(Vertx vertx, GarbageCollector garbageCollector, Persistence persistence) {
    garbageCollector.close();
    if (persistence != null) {
      try {
        persistence.close();
      } catch (IOException e) {
        throw new UncheckedIOException("could not flush the sandbox data directory", e);
      }
    }
    if (vertx != null) {
      vertx.close();
    }
  }
}
