package dev.fulcrum.sandbox;

import static dev.fulcrum.sandbox.SandboxFixture.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.sandbox.support.Json;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Request limits, clear 4xx answers for malformed input, slow watchers, and the scale subresource. */
class LimitsBehaviourTest {

  private static final int BODY_LIMIT = 1024 * 1024;

  private static SandboxServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    server = SandboxServer.start(SandboxOptions.defaults().withLimits(SandboxLimits.defaults()
        .withMaxRequestBodyBytes(BODY_LIMIT).withWatcherBacklogBytes(256 * 1024)));
    client = SandboxFixture.client(server, SandboxServer.MANAGEMENT);
    SandboxFixture.installCapiCrds(client);
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  private static String configMaps() {
    return server.clusterUrl("management") + "/api/v1/namespaces/default/configmaps";
  }

  @Test
  void oversizedBodyIsRequestEntityTooLarge() {
    String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big\"},\"data\":{\"k\":\""
        + "x".repeat(BODY_LIMIT) + "\"}}";

    HttpResponse<String> response = http("POST", configMaps(), "application/json", body);

    assertThat(response.statusCode()).isEqualTo(413);
    JsonNode status = Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    assertThat(status.path("reason").asString()).isEqualTo("RequestEntityTooLarge");
    assertThat(client.configMaps().inNamespace("default").withName("big").get()).isNull();
  }

  @Test
  void malformedInputGetsClearClientErrors() {
    HttpResponse<String> badJson = http("POST", configMaps(), "application/json", "{\"apiVersion\": ");
    HttpResponse<String> notAnObject = http("POST", configMaps(), "application/json", "[1,2]");
    HttpResponse<String> wrongKind = http("POST", configMaps(), "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"x\"}}");
    HttpResponse<String> unknownMediaType = http("POST", configMaps(), "text/csv", "a,b");
    HttpResponse<String> badLimit = SandboxFixture.get(configMaps() + "?limit=abc");
    HttpResponse<String> badContinue = SandboxFixture.get(configMaps() + "?limit=1&continue=notatoken");
    HttpResponse<String> badPolicy = http("DELETE", configMaps() + "/x?propagationPolicy=Sometimes", null, null);

    assertThat(badJson.statusCode()).isEqualTo(400);
    assertThat(badJson.body()).contains("\"kind\":\"Status\"").contains("not valid JSON");
    assertThat(notAnObject.statusCode()).isEqualTo(400);
    assertThat(wrongKind.statusCode()).isEqualTo(400);
    assertThat(wrongKind.body()).contains("do not match");
    assertThat(unknownMediaType.statusCode()).isEqualTo(415);
    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(badContinue.statusCode()).isEqualTo(400);
    assertThat(badPolicy.statusCode()).isEqualTo(400);
  }

  @Test
  void slowWatcherIsDisconnectedWithoutBlockingWritersOrOtherWatchers() throws Exception {
    server.createCluster("slow-watch");
    URI uri = URI.create(server.clusterUrl("slow-watch"));
    AtomicInteger healthyEvents = new AtomicInteger();
    try (KubernetesClient writer = SandboxFixture.client(server, "slow-watch");
        Socket stalled = new Socket()) {
      stalled.setReceiveBufferSize(4096);
      stalled.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()));
      OutputStream request = stalled.getOutputStream();
      request.write(("GET " + uri.getPath() + "/api/v1/namespaces/default/configmaps?watch=true HTTP/1.1\r\n"
          + "Host: " + uri.getHost() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      request.flush();

      try (Watch healthy = writer.configMaps().inNamespace("default").watch(new Watcher<>() {
        @Override
        public void eventReceived(Action action, ConfigMap resource) {
          healthyEvents.incrementAndGet();
        }

        @Override
        public void onClose(WatcherException cause) {}
      })) {
        // more than the kernel's socket buffers absorb, so the server sees the watcher stall
        String payload = "x".repeat(32 * 1024);
        for (int i = 0; i < 400; i++) {
          writer.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
              .withName("bulk-" + i).endMetadata().addToData("payload", payload).build()).create();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> healthyEvents.get() >= 400);
      }

      assertThat(streamEnds(stalled)).as("the stalled watcher's connection is closed by the server").isTrue();
    }
  }

  /** Drains the socket; true when the server closed it (end of stream or reset) rather than leaving it open. */
  private static boolean streamEnds(Socket socket) throws IOException {
    socket.setSoTimeout(15_000);
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[64 * 1024];
    try {
      while (in.read(buffer) >= 0) {
        // keep draining what the server had already sent
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true;
    }
  }

  @Test
  void deploymentScaleSubresource() {
    client.apps().deployments().inNamespace("default").resource(new DeploymentBuilder().withNewMetadata()
        .withName("scaled").endMetadata().withNewSpec().withReplicas(1).withNewSelector()
        .addToMatchLabels("app", "scaled").endSelector().withNewTemplate().withNewMetadata()
        .addToLabels("app", "scaled").endMetadata().withNewSpec().addNewContainer().withName("c").withImage("i")
        .endContainer().endSpec().endTemplate().endSpec().build()).create();

    JsonNode scale = Json.parse(SandboxFixture.get(server.clusterUrl("management")
        + "/apis/apps/v1/namespaces/default/deployments/scaled/scale").body().getBytes(StandardCharsets.UTF_8));
    assertThat(scale.path("kind").asString()).isEqualTo("Scale");
    assertThat(scale.path("spec").path("replicas").asInt()).isEqualTo(1);
    assertThat(scale.path("status").path("selector").asString()).isEqualTo("app=scaled");

    client.apps().deployments().inNamespace("default").withName("scaled").scale(4);

    assertThat(client.apps().deployments().inNamespace("default").withName("scaled").get().getSpec().getReplicas())
        .isEqualTo(4);
  }

  @Test
  void customResourceScaleSubresourceUsesTheDeclaredPaths() {
    String base = server.clusterUrl("management")
        + "/apis/cluster.x-k8s.io/v1beta2/namespaces/default/machinedeployments";
    HttpResponse<String> created = http("POST", base, "application/json", """
        {"apiVersion":"cluster.x-k8s.io/v1beta2","kind":"MachineDeployment","metadata":{"name":"md"},
         "spec":{"clusterName":"c","replicas":1,"selector":{},
                 "template":{"spec":{"clusterName":"c","bootstrap":{"dataSecretName":"s"},
                   "infrastructureRef":{"apiGroup":"infrastructure.cluster.x-k8s.io","kind":"DevMachineTemplate",
                   "name":"t"}}}}}""");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    HttpResponse<String> scaled = http("PATCH", base + "/md/scale", "application/merge-patch+json",
        "{\"spec\":{\"replicas\":3}}");

    assertThat(scaled.statusCode()).as(scaled.body()).isEqualTo(200);
    assertThat(Json.parse(scaled.body().getBytes(StandardCharsets.UTF_8)).path("spec").path("replicas").asInt())
        .isEqualTo(3);
    GenericKubernetesResource md = client.genericKubernetesResources("cluster.x-k8s.io/v1beta2", "MachineDeployment")
        .inNamespace("default").withName("md").get();
    assertThat(md.<Integer>get("spec", "replicas")).isEqualTo(3);
  }
}
