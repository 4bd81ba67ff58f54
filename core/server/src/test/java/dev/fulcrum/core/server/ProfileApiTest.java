package dev.fulcrum.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.engine.Engine;
import dev.fulcrum.core.engine.EngineOptions;
import dev.fulcrum.core.engine.ManagementCluster;
import dev.fulcrum.core.engine.TestRequests;
import dev.fulcrum.core.profiles.ProfileFiles;
import dev.fulcrum.core.render.RegistryOf;
import dev.fulcrum.core.render.TestProvider;
import dev.fulcrum.core.yaml.Mappers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The profile endpoints: publish, re-apply, list, get, delete; bad input and conflicts as problems. */
class ProfileApiTest {
  private static final String JSON = "application/json";
  private static final Path PROFILES = Path.of(System.getProperty("fulcrum.profiles.dir", "../../config/profiles"));

  @TempDir static Path dataDir;

  private static ManagementCluster management;
  private static Engine engine;
  private static ApiServer server;
  private static Api api;

  @BeforeAll
  static void start() {
    management = ManagementCluster.start();
    engine = Engine.create(management.client(), new RegistryOf(new TestProvider()), EngineOptions.defaults(), Clock.systemUTC());
    AdminToken token = AdminToken.createOrRead(dataDir);
    server = ApiServer.start(new ApiServer.Config("127.0.0.1", 0, engine, List.of(), token, Optional.empty()));
    api = new Api(server.url(), token.value());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (engine != null) {
      engine.close();
    }
    if (management != null) {
      management.close();
    }
  }

  private static String packed(String file) {
    return new String(ProfileFiles.packed(PROFILES.resolve(file)), StandardCharsets.UTF_8);
  }

  @Test
  void publishesListsAndGetsProfileVersions() {
    String observability = packed("observability.yaml");

    HttpResponse<String> created = api.post("/api/v1/profiles", JSON, observability);
    HttpResponse<String> again = api.post("/api/v1/profiles", JSON, observability);
    api.post("/api/v1/profiles", JSON, packed("cni.yaml"));

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).contains("/api/v1/profiles/observability/versions/1.0.0");
    assertThat(again.statusCode()).isEqualTo(200);
    JsonNode list = Mappers.json().readTree(api.get("/api/v1/profiles").body());
    assertThat(list.path("items").valueStream().map(item -> item.at("/metadata/name").asString()).toList())
        .containsExactly("cni.1.0.0", "observability.1.0.0");
    JsonNode one = Mappers.json().readTree(api.get("/api/v1/profiles/observability/versions/1.0.0").body());
    assertThat(one.at("/spec/layers/1/chart/archive").asString()).isNotEmpty();
    assertThat(one.at("/metadata/managedFields").isMissingNode()).isTrue();
    assertThat(Mappers.json().readTree(api.get("/api/v1/profiles/observability").body()).path("items").size()).isEqualTo(1);
    assertThat(api.get("/api/v1/profiles/observability/versions/9.9.9").statusCode()).isEqualTo(404);
    assertThat(api.get("/api/v1/profiles/nothing").statusCode()).isEqualTo(404);
  }

  @Test
  void refusesAnInvalidProfileWithEveryProblemAndStoresNothing() {
    ObjectNode profile = (ObjectNode) Mappers.json().readTree(packed("observability.yaml"));
    ((ObjectNode) profile.get("spec")).put("version", "2.0");
    ((ObjectNode) profile.at("/spec/layers/1")).remove("chart");

    HttpResponse<String> response = api.post("/api/v1/profiles", JSON, Mappers.json().writeValueAsString(profile));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonNode problem = Mappers.json().readTree(response.body());
    assertThat(problem.path("errors").valueStream().map(error -> error.path("path").asString()).toList())
        .containsExactly("spec.layers[1].chart", "spec.version");
    assertThat(api.get("/api/v1/profiles/observability/versions/2.0").statusCode()).isEqualTo(404);
  }

  /** The built-in observability profile at another version. */
  private static String observabilityAt(String version) {
    ObjectNode profile = (ObjectNode) Mappers.json().readTree(packed("observability.yaml"));
    ((ObjectNode) profile.get("spec")).put("version", version);
    return Mappers.json().writeValueAsString(profile);
  }

  private static List<String> listed() {
    return Mappers.json().readTree(api.get("/api/v1/profiles").body()).path("items").valueStream()
        .map(item -> item.at("/metadata/name").asString())
        .toList();
  }

  @Test
  void deletesAVersionNoClusterUses() {
    String version = "/api/v1/profiles/observability/versions/4.0.0";
    assertThat(api.post("/api/v1/profiles", JSON, observabilityAt("4.0.0")).statusCode()).isEqualTo(201);

    HttpResponse<String> deleted = api.delete(version);

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertThat(api.get(version).statusCode()).isEqualTo(404);
    assertThat(listed()).doesNotContain("observability.4.0.0");
    HttpResponse<String> again = api.delete(version);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(again.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(Mappers.json().readTree(again.body()).path("detail").asString())
        .isEqualTo("no profile observability@4.0.0 is stored");
  }

  @Test
  void refusesToDeleteAVersionAClusterUsesAndRefusesAgentsAndAnonymousCallers() {
    String version = "/api/v1/profiles/observability/versions/4.1.0";
    assertThat(api.post("/api/v1/profiles", JSON, observabilityAt("4.1.0")).statusCode()).isEqualTo(201);
    String cluster = "/api/v1/projects/team-a/clusters/uses-profile";
    String plain = TestRequests.yaml("uses-profile");
    String using =
        plain.replace("  infrastructure: {region: north}\n",
            "  infrastructure: {region: north}\n  profiles: [{name: observability, version: 4.1.0}]\n");
    assertThat(api.put(cluster, "application/yaml", using).statusCode()).isEqualTo(201);

    HttpResponse<String> refused = api.delete(version);

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(Mappers.json().readTree(refused.body()).path("detail").asString())
        .isEqualTo(
            "profile observability@4.1.0 is used by team-a/uses-profile; a version in use cannot be deleted: move"
                + " those clusters to another version first");
    assertThat(api.get(version).statusCode()).isEqualTo(200);

    // Only the administrator deletes profiles: not an agent, not a caller without a token.
    String agentToken =
        engine.agentCredentials().tokenFor(engine.clusters().get(new ClusterRef("team-a", "uses-profile")).orElseThrow())
            .reveal();
    assertThat(api.withToken(agentToken).delete(version).statusCode()).isEqualTo(401);
    assertThat(api.withToken(null).delete(version).statusCode()).isEqualTo(401);
    assertThat(api.get(version).statusCode()).isEqualTo(200);

    // Once the cluster moves off the version, it may go.
    assertThat(api.put(cluster, "application/yaml", plain).statusCode()).isEqualTo(200);
    assertThat(api.delete(version).statusCode()).isEqualTo(204);
    assertThat(listed()).doesNotContain("observability.4.1.0");
  }
}
