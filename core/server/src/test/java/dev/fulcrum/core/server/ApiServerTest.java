package dev.fulcrum.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.core.engine.Engine;
import dev.fulcrum.core.engine.EngineOptions;
import dev.fulcrum.core.engine.ManagementCluster;
import dev.fulcrum.core.engine.TestRequests;
import dev.fulcrum.core.plugins.PluginStatus;
import dev.fulcrum.core.render.RegistryOf;
import dev.fulcrum.core.render.TestProvider;
import dev.fulcrum.core.yaml.Mappers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The REST API over a running engine and a real Kubernetes API (the sandbox). */
class ApiServerTest {
  private static final String CLUSTERS = "/api/v1/projects/team-a/clusters";
  private static final String YAML = "application/yaml";
  private static final String JSON = "application/json";
  private static final String PROBLEM = "application/problem+json";
  private static final List<PluginStatus> PLUGINS =
      List.of(
          new PluginStatus(
              "test.jar", "test", "1.0.0", ">=1.0.0", "test", "Test cloud", "infrastructure.example.dev/v1beta2",
              List.of("TestCluster", "TestMachineTemplate"), PluginStatus.State.STARTED, null));

  @TempDir static Path dataDir;

  private static ManagementCluster management;
  private static Engine engine;
  private static ApiServer server;
  private static AdminToken token;
  private static Api api;

  @BeforeAll
  static void start() {
    management = ManagementCluster.start();
    engine =
        Engine.create(
            management.client(), new RegistryOf(new TestProvider()),
            EngineOptions.defaults().withPollInterval(Duration.ofMillis(200)), Clock.systemUTC());
    engine.start();
    token = AdminToken.createOrRead(dataDir);
    server =
        ApiServer.start(
            new ApiServer.Config("127.0.0.1", 0, engine, PLUGINS, token, Optional.of("kind: Config # management\n")));
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

  @Test
  void everyRouteNeedsTheAdminToken() {
    for (String route : server.routes()) {
      String[] methodAndPath = route.split(" ", 2);
      String path =
          methodAndPath[1].replace("{project}", "team-a").replace("{name}", "any").replace("{profile}", "any")
              .replace("{version}", "1.0.0");
      for (Api caller : List.of(api.withToken(null), api.withToken("not-the-token"), api.withToken(token.value() + "x"))) {
        HttpResponse<String> response = caller.send(methodAndPath[0], path);

        assertThat(response.statusCode()).as(route).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).as(route).contains(PROBLEM);
        assertThat(response.headers().firstValue("WWW-Authenticate")).as(route).contains("Bearer realm=\"fulcrum\"");
        assertThat(response.body()).as(route).doesNotContain(token.value());
      }
    }
  }

  @Test
  void theOpenApiDocumentDescribesExactlyTheRoutesServed() {
    JsonNode document = Mappers.json().readTree(api.get("/api/v1/openapi.json").body());
    TreeSet<String> documented = new TreeSet<>();
    document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
      if (!operation.getKey().equals("parameters")) {
        documented.add(operation.getKey().toUpperCase() + " " + path.getKey());
      }
    }));

    assertThat(documented).containsExactlyElementsOf(new TreeSet<>(server.routes()));
    assertThat(document.path("openapi").asString()).startsWith("3.1");
    assertThat(Mappers.yaml().readTree(api.get("/api/v1/openapi.yaml").body())).isEqualTo(document);
  }

  @Test
  void aClusterIsCreatedReadListedChangedAndDeleted() {
    HttpResponse<String> created = api.post(CLUSTERS, YAML, TestRequests.yaml("crud"));

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).contains(CLUSTERS + "/crud");
    assertThat(json(created).at("/spec/provider").asString()).isEqualTo("test");
    assertThat(json(created).at("/metadata/managedFields").isMissingNode()).isTrue();

    assertThat(api.post(CLUSTERS, YAML, TestRequests.yaml("crud")))
        .satisfies(again -> assertThat(again.statusCode()).isEqualTo(409))
        .satisfies(again -> assertThat(json(again).get("detail").asString()).contains("cluster crud already exists in project team-a"));

    HttpResponse<String> read = api.get(CLUSTERS + "/crud");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(json(read).at("/metadata/name").asString()).isEqualTo("crud");
    assertThat(names(api.get(CLUSTERS))).contains("crud");
    assertThat(names(api.get("/api/v1/clusters"))).contains("crud");

    String asJson = Mappers.json().writeValueAsString(Mappers.yaml().readTree(TestRequests.yaml("crud").replace("replicas: 2", "replicas: 4")));
    HttpResponse<String> changed = api.put(CLUSTERS + "/crud", JSON, asJson);
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(json(changed).at("/spec/workerPools/0/replicas").asInt()).isEqualTo(4);
    assertThat(json(changed).at("/metadata/generation").asInt()).isEqualTo(2);
    assertThat(api.put(CLUSTERS + "/put-new", YAML, TestRequests.yaml("put-new")).statusCode()).isEqualTo(201);

    HttpResponse<String> deleted = api.delete(CLUSTERS + "/crud");
    assertThat(deleted.statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> api.get(CLUSTERS + "/crud").statusCode() == 404);
    assertThat(api.delete(CLUSTERS + "/crud").statusCode()).isEqualTo(404);
  }

  @Test
  void anInvalidRequestIsRefusedWithEveryProblemAtItsPathAndNothingIsStored() {
    String invalid =
        TestRequests.yaml("bad")
            .replace("replicas: 3", "replicas: 2")
            .replace("replicas: 2\n      machine: {cpus: 4}", "replicas: -1\n      machine: {cpus: 4}")
            .replace(TestRequests.SSH_KEY, "not a key");

    HttpResponse<String> response = api.post(CLUSTERS, YAML, invalid);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.headers().firstValue("Content-Type")).contains(PROBLEM);
    JsonNode problem = json(response);
    assertThat(problem.get("type").asString()).isEqualTo("https://fulcrum.dev/problems/invalid-request");
    assertThat(problem.get("status").asInt()).isEqualTo(422);
    List<String> paths = new ArrayList<>();
    problem.get("errors").forEach(error -> paths.add(error.get("path").asString()));
    assertThat(paths)
        .containsExactly("spec.controlPlane.replicas", "spec.sshAuthorizedKeys[0]", "spec.workerPools[0].replicas");
    assertThat(api.get(CLUSTERS + "/bad").statusCode()).isEqualTo(404);
  }

  @Test
  void aBodyThatIsNotYamlIsMalformed() {
    HttpResponse<String> response = api.post(CLUSTERS, JSON, "{\"apiVersion\": ");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("type").asString()).isEqualTo("https://fulcrum.dev/problems/malformed-request");
    assertThat(json(response).at("/errors/0/path").asString()).isEqualTo("(document)");
  }

  @Test
  void theRequestMustNameTheClusterAddressed() {
    HttpResponse<String> response = api.put("/api/v1/projects/team-b/clusters/other", YAML, TestRequests.yaml("named"));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(json(response).at("/errors/0/path").asString()).isEqualTo("metadata.name");
    assertThat(json(response).at("/errors/1/path").asString()).isEqualTo("metadata.namespace");
    assertThat(api.get("/api/v1/projects/team-b/clusters/other").statusCode()).isEqualTo(404);
  }

  @Test
  void onlyJsonAndYamlBodiesOfAtMostOneMebibyteAreRead() {
    assertThat(api.post(CLUSTERS, "text/plain", TestRequests.yaml("typed")).statusCode()).isEqualTo(415);
    HttpResponse<String> tooLarge = api.post(CLUSTERS, YAML, TestRequests.yaml("large") + "#".repeat(1024 * 1024));
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.headers().firstValue("Content-Type")).contains(PROBLEM);
    assertThat(api.get(CLUSTERS + "/typed").statusCode()).isEqualTo(404);
  }

  @Test
  void unknownPathsAndMethodsAreProblemsToo() {
    assertThat(api.get("/api/v1/nothing")).satisfies(r -> assertThat(r.statusCode()).isEqualTo(404))
        .satisfies(r -> assertThat(r.headers().firstValue("Content-Type")).contains(PROBLEM));
    assertThat(api.send("PATCH", CLUSTERS + "/x").statusCode()).isEqualTo(405);
    assertThat(api.get(CLUSTERS + "/absent").statusCode()).isEqualTo(404);
    assertThat(api.get(CLUSTERS + "/absent/steps").statusCode()).isEqualTo(404);
  }

  @Test
  void theStepsAndEventsShowTheProgressOfTheEngine() {
    api.post(CLUSTERS, YAML, TestRequests.yaml("steps"));

    await().atMost(Duration.ofSeconds(30)).until(() -> json(api.get(CLUSTERS + "/steps/steps")).at("/steps/2/reason").asString().equals("WaitingForControlPlaneInitialized"));
    JsonNode progress = json(api.get(CLUSTERS + "/steps/steps"));
    assertThat(progress.get("phase").asString()).isEqualTo("Provisioning");
    assertThat(progress.get("step").asString()).isEqualTo("FirstControlPlane");
    List<String> states = new ArrayList<>();
    progress.get("steps").forEach(step -> states.add(step.get("number").asInt() + " " + step.get("name").asString() + " " + step.get("state").asString()));
    assertThat(states).containsExactly("1 Accept Done", "2 RenderAndApply Done", "3 FirstControlPlane InProgress", "4 Pivot Pending", "5 ScaleOut Pending", "6 AddOns Pending");

    JsonNode events = json(api.get(CLUSTERS + "/steps/events"));
    List<String> reasons = new ArrayList<>();
    events.get("items").forEach(event -> reasons.add(event.get("reason").asString()));
    assertThat(reasons).containsExactly("Valid", "Applied", "WaitingForControlPlaneInitialized");
    assertThat(api.get(CLUSTERS + "/steps/kubeconfig").statusCode()).isEqualTo(404);
  }

  @Test
  void watchingStreamsEveryChangeUntilTheClusterIsGone() {
    api.post(CLUSTERS, YAML, TestRequests.yaml("watched"));
    HttpResponse<Stream<String>> stream = api.stream(CLUSTERS + "/watched/steps?watch=true");
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type")).contains("text/event-stream");
    Iterator<String> lines = stream.body().iterator();

    List<String> reasons = new ArrayList<>();
    while (!reasons.contains("WaitingForControlPlaneInitialized")) {
      Event event = Event.next(lines);
      assertThat(event.name()).isEqualTo("progress");
      reasons.add(Mappers.json().readTree(event.data()).at("/steps/2/reason").asString());
    }
    api.delete(CLUSTERS + "/watched");
    Event last;
    do {
      last = Event.next(lines);
    } while (last.name().equals("progress"));

    assertThat(last.name()).isEqualTo("deleted");
    assertThat(lines.hasNext()).isFalse();
  }

  @Test
  void pluginsAndTheManagementKubeconfigAreServed() {
    JsonNode plugins = json(api.get("/api/v1/plugins"));
    assertThat(plugins.at("/0/providerId").asString()).isEqualTo("test");
    assertThat(plugins.at("/0/state").asString()).isEqualTo("STARTED");

    HttpResponse<String> kubeconfig = api.get("/api/v1/management/kubeconfig");
    assertThat(kubeconfig.statusCode()).isEqualTo(200);
    assertThat(kubeconfig.headers().firstValue("Content-Type")).contains("application/yaml");
    assertThat(kubeconfig.body()).isEqualTo("kind: Config # management\n");
  }

  private static JsonNode json(HttpResponse<String> response) {
    return Mappers.json().readTree(response.body());
  }

  private static List<String> names(HttpResponse<String> list) {
    List<String> names = new ArrayList<>();
    json(list).get("items").forEach(item -> names.add(item.at("/metadata/name").asString()));
    return names;
  }

  /** One server-sent event. */
  private record Event(String name, String data) {
    static Event next(Iterator<String> lines) {
      Map<String, String> fields = new java.util.HashMap<>();
      while (lines.hasNext()) {
        String line = lines.next();
        if (line.isEmpty()) {
          if (!fields.isEmpty()) {
            return new Event(fields.getOrDefault("event", "message"), fields.getOrDefault("data", ""));
          }
        } else if (!line.startsWith(":")) {
          String[] field = line.split(": ?", 2);
          fields.put(field[0], field.length > 1 ? field[1] : "");
        }
      }
      throw new AssertionError("the stream ended before an event");
    }
  }
}
