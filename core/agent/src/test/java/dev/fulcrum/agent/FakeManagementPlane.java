package dev.fulcrum.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fulcrum.core.yaml.Mappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * The management plane's side of the agent protocol, as small as a test needs: serves one spec with long polling,
 * checks the bearer token, records every status report. It can be stopped and started again on the same port.
 */
final class FakeManagementPlane implements AutoCloseable {

  private final String token;
  private final List<JsonNode> reports = new CopyOnWriteArrayList<>();
  private final AtomicInteger specRequests = new AtomicInteger();
  private final AtomicInteger unauthorized = new AtomicInteger();
  private String specJson;
  private String specVersion = "";
  private int port;
  private HttpServer server;
  private ExecutorService executor;

  FakeManagementPlane(String token) {
    this.token = token;
    start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  synchronized void start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    port = server.getAddress().getPort();
    executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.createContext(ManagementPlane.SPEC_PATH, this::spec);
    server.createContext(ManagementPlane.STATUS_PATH, this::status);
    server.start();
  }

  /** Stops answering: connections are refused until {@link #start()}. */
  synchronized void stop() {
    server.stop(0);
    executor.shutdownNow();
    notifyAll();
  }

  /** Serves a new spec (its version is read from it), waking long polls. */
  synchronized void publish(String json) {
    specJson = json;
    specVersion = Mappers.json().readTree(json).path("version").asString();
    notifyAll();
  }

  List<JsonNode> reports() {
    return List.copyOf(reports);
  }

  JsonNode lastReport() {
    List<JsonNode> all = reports();
    return all.isEmpty() ? Mappers.json().createObjectNode() : all.get(all.size() - 1);
  }

  /** Every event delivered so far, in order. */
  List<JsonNode> events() {
    List<JsonNode> events = new ArrayList<>();
    reports().forEach(report -> report.path("events").forEach(events::add));
    return events;
  }

  int specRequests() {
    return specRequests.get();
  }

  int unauthorized() {
    return unauthorized.get();
  }

  private boolean authorized(HttpExchange exchange) throws IOException {
    if (("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      return true;
    }
    unauthorized.incrementAndGet();
    exchange.sendResponseHeaders(401, -1);
    exchange.close();
    return false;
  }

  private void spec(HttpExchange exchange) throws IOException {
    if (!authorized(exchange)) {
      return;
    }
    specRequests.incrementAndGet();
    String after = "";
    int waitSeconds = 0;
    for (String parameter : String.valueOf(exchange.getRequestURI().getQuery()).split("&")) {
      String[] pair = parameter.split("=", 2);
      if (pair[0].equals("after") && pair.length == 2) {
        after = java.net.URLDecoder.decode(pair[1], StandardCharsets.UTF_8);
      } else if (pair[0].equals("waitSeconds") && pair.length == 2) {
        waitSeconds = Math.min(60, Integer.parseInt(pair[1]));
      }
    }
    String body = awaitChange(after, waitSeconds * 1000L);
    if (body == null) {
      exchange.sendResponseHeaders(304, -1);
    } else {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  private synchronized String awaitChange(String after, long waitMillis) {
    long deadline = System.currentTimeMillis() + waitMillis;
    try {
      while (specJson == null || specVersion.equals(after)) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0 || executor.isShutdown()) {
          return null;
        }
        wait(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    return specJson;
  }

  private void status(HttpExchange exchange) throws IOException {
    if (!authorized(exchange)) {
      return;
    }
    reports.add(Mappers.json().readTree(exchange.getRequestBody().readAllBytes()));
    exchange.sendResponseHeaders(204, -1);
    exchange.close();
  }

  @Override
  public void close() {
    stop();
  }
}
