package dev.fulcrum.sandbox.http;

import dev.fulcrum.sandbox.api.ApiException;
import dev.fulcrum.sandbox.api.ListOptions;
import dev.fulcrum.sandbox.api.ResourceType;
import dev.fulcrum.sandbox.store.Cluster;
import dev.fulcrum.sandbox.store.Entry;
import dev.fulcrum.sandbox.store.StoredEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts watches: over WebSocket when the client asks for an upgrade, else as a chunked HTTP stream. Where
 * the watch starts is decided under the cluster lock, together with registering it, so no event falls
 * between the initial state and the live stream.
 */
final class Watches {

  private static final Logger LOG = LoggerFactory.getLogger(Watches.class);

  private final HttpLimits limits;

  Watches(HttpLimits limits) {
    this.limits = limits;
  }

  void start(Exchange exchange, Cluster cluster, ResourceType type, String namespace, ListOptions options,
      Tables.TableRequest table) {
    if (options.continueToken() != null || options.limit() > 0) {
      throw ApiException.badRequest("limit and continue are not allowed on a watch");
    }
    StartPoint start = startPoint(exchange);
    long timeoutMillis = timeoutMillis(exchange);
    WatchSession.Selection selection = new WatchSession.Selection(type, namespace, options.labels(), options.fields(),
        table);
    HttpServerRequest request = exchange.request();
    if (request.canUpgradeToWebSocket()) {
      request.toWebSocket()
          .onSuccess(socket -> ApiHandler.guarded(exchange,
              () -> open(exchange, cluster, selection, WatchSink.webSocket(socket), start, timeoutMillis)))
          .onFailure(e -> LOG.debug("WebSocket handshake for a watch failed: {}", e.getMessage()));
      return;
    }
    HttpServerResponse response = request.response();
    response.setChunked(true).setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    open(exchange, cluster, selection, WatchSink.chunked(response), start, timeoutMillis);
    response.writeHead();
  }

  private void open(Exchange exchange, Cluster cluster, WatchSession.Selection selection, WatchSink sink,
      StartPoint start, long timeoutMillis) {
    WatchSession session = new WatchSession(exchange.context(), cluster, selection, sink,
        limits.watcherBacklogBytes());
    boolean live = cluster.write(tx -> {
      if (start.fromCurrentState()) {
        for (Entry entry : cluster.scan(selection.type().groupResource(), selection.namespace(), null)) {
          session.added(entry);
        }
        if (start.sendInitialEvents()) {
          session.enqueue(Bodies.bookmark(selection.type(), tx.resourceVersion(), true));
        }
      } else if (!tx.canResumeFrom(start.resourceVersion())) {
        session.enqueue(Bodies.errorFrame(ApiException.gone("too old resource version: " + start.resourceVersion()
            + " (" + tx.oldestResumableVersion() + ")")));
        return false;
      } else {
        for (StoredEvent event : tx.eventsAfter(selection.type().groupResource(), start.resourceVersion())) {
          session.onEvent(event);
        }
      }
      tx.addWatcher(selection.type().groupResource(), session);
      return true;
    }).value();
    if (!live) {
      session.endAfterDrain();
      return;
    }
    if (start.bookmarks()) {
      session.startBookmarks(limits.bookmarkIntervalMillis());
    }
    session.endAfter(timeoutMillis);
  }

  /**
   * Where a watch begins.
   *
   * @param fromCurrentState synthetic ADDED for every current object first (no or zero resourceVersion, or a
   *     streaming list)
   */
  private record StartPoint(boolean fromCurrentState, long resourceVersion, boolean sendInitialEvents,
      boolean bookmarks) {}

  private static StartPoint startPoint(Exchange exchange) {
    String version = exchange.param("resourceVersion");
    boolean bookmarks = exchange.flag("allowWatchBookmarks");
    String sendInitialEvents = exchange.param("sendInitialEvents");
    boolean initialEvents = "true".equals(sendInitialEvents);
    if (initialEvents) {
      if (!"NotOlderThan".equals(exchange.param("resourceVersionMatch"))) {
        throw ApiException.of(422, "Invalid", "resourceVersionMatch: Forbidden: sendInitialEvents requires "
            + "setting resourceVersionMatch to NotOlderThan");
      }
      if (!bookmarks) {
        throw ApiException.of(422, "Invalid", "allowWatchBookmarks: Forbidden: sendInitialEvents requires "
            + "allowWatchBookmarks=true");
      }
    } else if (exchange.param("resourceVersionMatch") != null) {
      throw ApiException.of(422, "Invalid", "resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden "
          + "for watch unless sendInitialEvents is provided");
    }
    if (version == null || version.equals("0") || initialEvents) {
      return new StartPoint(true, 0, initialEvents, bookmarks);
    }
    try {
      return new StartPoint(false, Long.parseLong(version), false, bookmarks);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("resourceVersion: Invalid value: \"" + version + "\": must be an integer");
    }
  }

  private long timeoutMillis(Exchange exchange) {
    int seconds = exchange.intParam("timeoutSeconds", 0);
    if (seconds > 0) {
      return seconds * 1000L;
    }
    long min = limits.minWatchTimeoutSeconds();
    long max = Math.max(min, limits.maxWatchTimeoutSeconds());
    return ThreadLocalRandom.current().nextLong(min, max + 1) * 1000L;
  }
}
