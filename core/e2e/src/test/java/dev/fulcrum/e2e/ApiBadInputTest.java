package dev.fulcrum.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.core.yaml.Mappers;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Bad requests through the running server's REST API and CLI, with the real plugins: 4xx, field paths, nothing stored. */
class ApiBadInputTest {
  @TempDir static Path dataDir;
  @TempDir Path dir;

  private static RunningServer server;

  @BeforeAll
  static void start() {
    server = RunningServer.start(dataDir);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void anInvalidDockerRequestGets422WithEveryFieldPathAndNothingIsStored() throws IOException {
    String invalid =
        Files.readString(Fulcrum.example("docker.yaml"))
            .replace("kubernetesVersion: v1.33.4", "kubernetesVersion: v1.20.0")
            .replace("  workerPools:\n    - name: general\n      replicas: 2", "  workerPools:\n    - name: general\n      replicas: many")
            .replace("  infrastructure: {}", "  infrastructure: {}\n  cloudAccountRef: {name: creds}");

    HttpResponse<String> response = server.http("PUT", "/api/v1/projects/team-a/clusters/dev-1", "application/yaml", invalid);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(paths(response)).contains("spec.kubernetesVersion", "spec.workerPools[0].replicas", "spec.cloudAccountRef");
    assertThat(server.http("GET", "/api/v1/projects/team-a/clusters/dev-1", null, null).statusCode()).isEqualTo(404);
    assertThat(server.http("GET", "/api/v1/clusters", null, null).body()).contains("\"items\" : [ ]");
  }

  @Test
  void aMalformedRequestGets400AndNothingIsStored() {
    HttpResponse<String> response =
        server.http("POST", "/api/v1/projects/team-a/clusters", "application/json", "{\"apiVersion\": \"fulcrum.dev/v1alpha1\",");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(paths(response)).containsExactly("(document)");
    assertThat(server.http("GET", "/api/v1/projects/team-a/clusters", null, null).body()).contains("\"items\" : [ ]");
  }

  @Test
  void theCliPrintsEveryProblemAndExitsWith1() throws IOException {
    Path request =
        Files.writeString(
            dir.resolve("bad.yaml"),
            Files.readString(Fulcrum.example("docker.yaml")).replace("replicas: 3", "replicas: 2"));

    Fulcrum.Run run = server.cli("cluster", "apply", "-f", request.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).anyMatch(line -> line.startsWith("spec.controlPlane.replicas: must be an odd number"));
    assertThat(server.cli("cluster", "list").out().lines()).hasSize(1);
  }

  @Test
  void withoutTheTokenNothingIsServed() {
    Fulcrum.Run run = Fulcrum.run("cluster", "list", "--server", server.url(), "--token", "wrong");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("Authorization: Bearer");
  }

  private static List<String> paths(HttpResponse<String> problem) {
    JsonNode json = Mappers.json().readTree(problem.body());
    List<String> paths = new ArrayList<>();
    json.path("errors").forEach(error -> paths.add(error.get("path").asString()));
    return paths;
  }
}
