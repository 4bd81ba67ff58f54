package dev.fulcrum.cli;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.engine.ClusterProgress;
import dev.fulcrum.core.yaml.Mappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.MissingNode;

/**
 * The CLI's client of the Fulcrum REST API ({@code /api/v1}), with the administrator's token. Errors
 * come back as {@link ApiException}s carrying the server's problem.
 */
final class ApiClient {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  // A newer server may add fields; this client reads what it knows.
  private static final ObjectReader PROGRESS =
      Mappers.json().readerFor(ClusterProgress.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  private final String server;
  private final String token;

  ApiClient(String server, String token) {
    this.server = server.replaceAll("/+$", "");
    this.token = token;
  }

  /** The outcome of an apply: the stored cluster, and whether it was new. */
  record Applied(JsonNode cluster, boolean created) {}

  /** Creates or changes a cluster (PUT); the body is the request, JSON or YAML. */
  Applied apply(ClusterRef ref, byte[] body, String mediaType) {
    HttpResponse<String> response =
        send(request(clusterPath(ref)).header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    return new Applied(json(response), response.statusCode() == 201);
  }

  /** Creates a cluster named by the request itself (POST). */
  JsonNode create(String project, byte[] body, String mediaType) {
    return json(
        send(
            request("/api/v1/projects/" + project + "/clusters")
                .header("Content-Type", mediaType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))));
  }

  /** Publishes a profile version (POST); the body is the profile, JSON, its charts packed. */
  Applied applyProfile(byte[] json) {
    HttpResponse<String> response =
        send(
            request("/api/v1/profiles")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)));
    return new Applied(json(response), response.statusCode() == 201);
  }

  /** Every profile version, or one profile's versions. */
  JsonNode profiles(Optional<String> name) {
    return json(send(request("/api/v1/profiles" + name.map(n -> "/" + n).orElse("")).GET()));
  }

  /** One profile version. */
  JsonNode profile(String name, String version) {
    return json(send(request("/api/v1/profiles/" + name + "/versions/" + version).GET()));
  }

  /** Deletes a profile version; the server refuses one that clusters use. */
  void deleteProfile(String name, String version) {
    send(request("/api/v1/profiles/" + name + "/versions/" + version).DELETE());
  }

  JsonNode get(ClusterRef ref) {
    return json(send(request(clusterPath(ref)).GET()));
  }

  /** The clusters of one project, or of all when empty. */
  JsonNode list(Optional<String> project) {
    return json(send(request(project.map(p -> "/api/v1/projects/" + p + "/clusters").orElse("/api/v1/clusters")).GET()));
  }

  JsonNode delete(ClusterRef ref) {
    return json(send(request(clusterPath(ref)).DELETE()));
  }

  ClusterProgress progress(ClusterRef ref) {
    return PROGRESS.readValue(json(send(request(clusterPath(ref) + "/steps").GET())));
  }

  JsonNode events(ClusterRef ref) {
    return json(send(request(clusterPath(ref) + "/events").GET()));
  }

  String clusterKubeconfig(ClusterRef ref) {
    return send(request(clusterPath(ref) + "/kubeconfig").GET()).body();
  }

  String managementKubeconfig() {
    return send(request("/api/v1/management/kubeconfig").GET()).body();
  }

  /**
   * Follows a cluster's progress (server-sent events) until the listener says it has seen enough,
   * the cluster is deleted, or the stream ends.
   *
   * @param listener gets each progress; returns true to stop watching
   * @return how the watch ended
   */
  WatchEnd watch(ClusterRef ref, Predicate<ClusterProgress> listener) {
    HttpResponse<Stream<String>> response;
    try {
      response = http.send(request(clusterPath(ref) + "/steps?watch=true").GET().build(), HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return WatchEnd.STREAM_ENDED;
    }
    try (Stream<String> lines = response.body()) {
      if (response.statusCode() != 200) {
        String body = String.join("\n", lines.toList());
        throw ApiException.of(response.statusCode(), parse(body), body);
      }
      Iterator<String> iterator = lines.iterator();
      String event = "message";
      StringBuilder data = new StringBuilder();
      while (iterator.hasNext()) {
        String line = iterator.next();
        if (line.isEmpty()) {
          if (event.equals("progress") && listener.test(PROGRESS.readValue(data.toString()))) {
            return WatchEnd.LISTENER_DONE;
          }
          if (event.equals("deleted")) {
            return WatchEnd.DELETED;
          }
          event = "message";
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          event = line.substring("event:".length()).strip();
        } else if (line.startsWith("data:")) {
          data.append(line.substring("data:".length()).strip());
        }
      }
      return WatchEnd.STREAM_ENDED;
    } catch (UncheckedIOException e) {
      return WatchEnd.STREAM_ENDED;
    }
  }

  /** How a watch ended. */
  enum WatchEnd {
    LISTENER_DONE,
    DELETED,
    STREAM_ENDED
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(server + path)).header("Authorization", "Bearer " + token);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (response.statusCode() >= 300) {
      throw ApiException.of(response.statusCode(), parse(response.body()), response.body());
    }
    return response;
  }

  private IllegalStateException unreachable(IOException e) {
    String why = e instanceof ConnectException ? "nothing listens there" : String.valueOf(e.getMessage());
    return new IllegalStateException(
        "cannot reach the Fulcrum server at " + server + " (" + why + "); start it with 'fulcrum server' or pass --server");
  }

  private static JsonNode json(HttpResponse<String> response) {
    return parse(response.body());
  }

  private static JsonNode parse(String body) {
    try {
      return Mappers.json().readTree(body);
    } catch (JacksonException e) {
      return MissingNode.getInstance();
    }
  }

  private static String clusterPath(ClusterRef ref) {
    return "/api/v1/projects/" + ref.project() + "/clusters/" + ref.name();
  }
}
