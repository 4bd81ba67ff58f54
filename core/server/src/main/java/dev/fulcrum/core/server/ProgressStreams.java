package dev.fulcrum.core.server;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.engine.Engine;
import dev.fulcrum.core.kube.KubeTrees;
import dev.fulcrum.core.yaml.Mappers;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A cluster's progress as a stream of server-sent events ({@code text/event-stream}), for
 * {@code fulcrum cluster watch} and any browser: an {@code event: progress} with the steps view now
 * and on every change, a comment line every 15 seconds to keep the connection alive, and
 * {@code event: deleted} when the cluster is gone (the stream then ends). If the server loses its
 * watch of the management cluster, it sends {@code event: error} and ends; clients reconnect.
 */
final class ProgressStreams {
  private static final Logger log = LoggerFactory.getLogger(ProgressStreams.class);
  private static final long HEARTBEAT_MILLIS = 15_000;

  private final Engine engine;

  ProgressStreams(Engine engine) {
    this.engine = engine;
  }

  void stream(RoutingContext ctx, ClusterRef ref) {
    HttpServerResponse response = ctx.response();
    response
        .setChunked(true)
        .setStatusCode(200)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache");
    Stream stream = new Stream(response);
    // Opened before the first event is read, and starting with the cluster as it is, so no change
    // falls between the first view and the watch.
    Watch watch = engine.clusters().watch(ref, stream);
    long heartbeat = ctx.vertx().setPeriodic(HEARTBEAT_MILLIS, id -> stream.comment("heartbeat"));
    response.closeHandler(
        closed -> {
          stream.close();
          ctx.vertx().cancelTimer(heartbeat);
          watch.close();
        });
    engine.clusters().get(ref).ifPresentOrElse(stream::progress, stream::deleted);
  }

  /** One client's stream; events are written one at a time. */
  private final class Stream implements Watcher<GenericKubernetesResource> {
    private final HttpServerResponse response;
    private String lastSent;
    private boolean ended;

    Stream(HttpServerResponse response) {
      this.response = response;
    }

    @Override
    public void eventReceived(Action action, GenericKubernetesResource cluster) {
      if (action == Action.DELETED) {
        deleted();
      } else if (action == Action.ADDED || action == Action.MODIFIED) {
        progress(KubeTrees.tree(cluster));
      }
    }

    @Override
    public void onClose(WatcherException cause) {
      log.debug("Progress watch closed", cause);
      end("error", Map.of("message", "the server lost its watch of the cluster; reconnect"));
    }

    synchronized void progress(JsonNode cluster) {
      String json = Mappers.json().writeValueAsString(engine.progress(cluster));
      if (!ended && !json.equals(lastSent)) {
        lastSent = json;
        response.write("event: progress\ndata: " + json + "\n\n");
      }
    }

    void deleted() {
      end("deleted", Map.of());
    }

    /** The client went away: write nothing more. */
    synchronized void close() {
      ended = true;
    }

    synchronized void comment(String text) {
      if (!ended) {
        response.write(": " + text + "\n\n");
      }
    }

    private synchronized void end(String event, Map<String, String> data) {
      if (!ended) {
        ended = true;
        response.end("event: " + event + "\ndata: " + Mappers.json().writeValueAsString(data) + "\n\n");
      }
    }
  }
}
