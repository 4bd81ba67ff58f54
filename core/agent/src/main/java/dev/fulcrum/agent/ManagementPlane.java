package dev.fulcrum.agent;

import dev.fulcrum.core.yaml.Mappers;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The agent's side of the management-plane protocol: long-polls {@code GET /api/v1/agent/spec} and posts
 * {@code /api/v1/agent/status}, with the cluster's bearer token. Errors name the URL and the status, never the token.
 */
final class ManagementPlane {

  static final String SPEC_PATH = "/api/v1/agent/spec";
  static final String STATUS_PATH = "/api/v1/agent/status";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Added to the long poll's wait so that a slow answer is not mistaken for a dead server. */
  private static final Duration POLL_GRACE = Duration.ofSeconds(15);
  private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final String authorization;
  private final HttpClient http;

  ManagementPlane(AgentConfig config) {
    String url = config.serverUrl().toString();
    this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    this.authorization = "Bearer " + config.token();
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  /**
   * Waits up to {@code wait} for a spec whose version differs from {@code after}.
   *
   * @return the new spec, or empty when nothing changed within the wait
   * @throws UnreachableException when the management plane cannot be reached or answers with an error
   */
  Optional<DesiredSpec> pollSpec(String after, Duration wait) {
    URI uri = URI.create(base + SPEC_PATH + "?after=" + URLEncoder.encode(after == null ? "" : after,
        StandardCharsets.UTF_8) + "&waitSeconds=" + wait.toSeconds());
    HttpRequest request = request(uri).timeout(wait.plus(POLL_GRACE)).GET().build();
    HttpResponse<String> response = send(request);
    return switch (response.statusCode()) {
      case 200 -> Optional.of(DesiredSpec.parse(response.body()));
      case 304 -> Optional.empty();
      default -> throw refused(uri, response);
    };
  }

  /**
   * Sends a status report.
   *
   * @throws UnreachableException when the report did not reach the management plane
   */
  void report(StatusReport report) {
    URI uri = URI.create(base + STATUS_PATH);
    HttpRequest request = request(uri).timeout(REPORT_TIMEOUT).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Mappers.json().writeValueAsString(report))).build();
    HttpResponse<String> response = send(request);
    if (response.statusCode() / 100 != 2) {
      throw refused(uri, response);
    }
  }

  private HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).header("Authorization", authorization).header("Accept", "application/json");
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UnreachableException(request.method() + " " + request.uri() + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnreachableException(request.method() + " " + request.uri() + " interrupted");
    }
  }

  private static UnreachableException refused(URI uri, HttpResponse<String> response) {
    String why = response.statusCode() == 401 ? " (the agent's token was refused)" : "";
    return new UnreachableException(response.request().method() + " " + uri + " answered "
        + response.statusCode() + why);
  }

  /** The management plane could not be reached or refused a request; the message never holds the token. */
  static final class UnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreachableException(String message) {
      super(message);
    }
  }
}
