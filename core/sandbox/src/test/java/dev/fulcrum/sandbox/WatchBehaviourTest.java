package dev.fulcrum.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.sandbox.support.Json;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Watches over WebSocket and chunked HTTP: start points, resume, 410, bookmarks and streaming lists. */
class WatchBehaviourTest {

  private static SandboxServer server;

  @BeforeAll
  static void start() {
    server = SandboxServer.start(SandboxOptions.defaults().withLimits(SandboxLimits.defaults()
        .withHistoryEventsPerCluster(20).withBookmarkInterval(Duration.ofMillis(300))));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void webSocketWatchDeliversAddedModifiedDeletedInOrder() {
    server.createCluster("watch-ws");
    try (KubernetesClient client = SandboxFixture.client(server, "watch-ws")) {
      assertWatchSequence(client);
    }
  }

  @Test
  void httpStreamingWatchDeliversAddedModifiedDeletedInOrder() {
    server.createCluster("watch-http");
    try (KubernetesClient client = SandboxFixture.client(server, "watch-http", true)) {
      assertWatchSequence(client);
    }
  }

  private static void assertWatchSequence(KubernetesClient client) {
    List<String> events = new CopyOnWriteArrayList<>();
    String from = client.configMaps().inNamespace("default").list().getMetadata().getResourceVersion();
    try (Watch watch = client.configMaps().inNamespace("default").withLabel("watched", "yes")
        .watch(new ListOptionsBuilder().withResourceVersion(from).build(), recorder(events))) {
      ConfigMap created = client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
          .withName("w").addToLabels("watched", "yes").endMetadata().addToData("v", "1").build()).create();
      client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
          .withName("unwatched").endMetadata().build()).create();
      created.getData().put("v", "2");
      client.configMaps().inNamespace("default").resource(created).update();
      client.configMaps().inNamespace("default").withName("w").delete();

      await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 3);
      assertThat(events).containsExactly("ADDED w 1", "MODIFIED w 2", "DELETED w 2");
    }
  }

  @Test
  void watchWithoutResourceVersionStartsWithCurrentObjects() {
    server.createCluster("watch-initial");
    try (KubernetesClient client = SandboxFixture.client(server, "watch-initial")) {
      client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
          .withName("existing").endMetadata().addToData("v", "0").build()).create();
      List<String> events = new CopyOnWriteArrayList<>();
      try (Watch watch = client.configMaps().inNamespace("default").watch(recorder(events))) {
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("ADDED existing 0"));
      }
    }
  }

  @Test
  void objectLeavingTheSelectorIsDeletedForTheWatcher() {
    server.createCluster("watch-selector");
    try (KubernetesClient client = SandboxFixture.client(server, "watch-selector")) {
      List<String> events = new CopyOnWriteArrayList<>();
      try (Watch watch = client.configMaps().inNamespace("default").withLabel("keep", "yes").watch(recorder(events))) {
        ConfigMap created = client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
            .withNewMetadata().withName("moving").addToLabels("keep", "yes").endMetadata().addToData("v", "1")
            .build()).create();
        created.getMetadata().getLabels().put("keep", "no");
        client.configMaps().inNamespace("default").resource(created).update();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 2);
        assertThat(events).containsExactly("ADDED moving 1", "DELETED moving 1");
      }
    }
  }

  @Test
  void resumeReplaysMissedEventsAndTooOldIsGone() throws IOException {
    server.createCluster("watch-resume");
    String base = server.clusterUrl("watch-resume") + "/api/v1/namespaces/default/configmaps";
    try (KubernetesClient client = SandboxFixture.client(server, "watch-resume")) {
      String from = client.configMaps().inNamespace("default").list().getMetadata().getResourceVersion();
      client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
          .withName("missed").endMetadata().build()).create();
      client.configMaps().inNamespace("default").withName("missed").delete();

      List<JsonNode> replayed = readEvents(base + "?watch=true&timeoutSeconds=1&resourceVersion=" + from, 2);
      assertThat(replayed).extracting(e -> e.path("type").asString()).containsExactly("ADDED", "DELETED");
      assertThat(Long.parseLong(replayed.get(1).path("object").path("metadata").path("resourceVersion").asString()))
          .isGreaterThan(Long.parseLong(replayed.get(0).path("object").path("metadata").path("resourceVersion")
              .asString()));

      for (int i = 0; i < 30; i++) {
        client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
            .withName("churn-" + i).endMetadata().build()).create();
      }
      List<JsonNode> gone = readEvents(base + "?watch=true&resourceVersion=" + from, 1);
      assertThat(gone.get(0).path("type").asString()).isEqualTo("ERROR");
      assertThat(gone.get(0).path("object").path("code").asInt()).isEqualTo(410);
      assertThat(gone.get(0).path("object").path("reason").asString()).isEqualTo("Expired");
    }
  }

  @Test
  void streamingListEndsInitialEventsWithAnnotatedBookmark() throws IOException {
    server.createCluster("watch-list");
    try (KubernetesClient client = SandboxFixture.client(server, "watch-list")) {
      for (String name : List.of("a", "b")) {
        client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName(name)
            .endMetadata().build()).create();
      }
    }
    List<JsonNode> events = readEvents(server.clusterUrl("watch-list") + "/api/v1/namespaces/default/configmaps"
        + "?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true"
        + "&timeoutSeconds=2", 3);

    assertThat(events).extracting(e -> e.path("type").asString()).containsExactly("ADDED", "ADDED", "BOOKMARK");
    assertThat(events.get(2).path("object").path("metadata").path("annotations").path("k8s.io/initial-events-end")
        .asString()).isEqualTo("true");
    assertThat(events.get(2).path("object").path("kind").asString()).isEqualTo("ConfigMap");
  }

  @Test
  void sendInitialEventsWithoutNotOlderThanIsRejected() {
    var response = SandboxFixture.get(server.clusterUrl("management")
        + "/api/v1/configmaps?watch=true&sendInitialEvents=true&allowWatchBookmarks=true");

    assertThat(response.statusCode()).isEqualTo(422);
  }

  @Test
  void periodicBookmarksCarryTheCurrentResourceVersion() throws IOException {
    List<JsonNode> events = readEvents(server.clusterUrl("management") + "/api/v1/namespaces/kube-system/secrets"
        + "?watch=true&allowWatchBookmarks=true&timeoutSeconds=2&resourceVersion="
        + currentVersion("management"), 1);

    assertThat(events.get(0).path("type").asString()).isEqualTo("BOOKMARK");
    assertThat(events.get(0).path("object").path("metadata").path("resourceVersion").asString())
        .isEqualTo(currentVersion("management"));
  }

  @Test
  void informerListsAndWatchesThroughThePrefix() {
    server.createCluster("watch-informer");
    try (KubernetesClient client = SandboxFixture.client(server, "watch-informer")) {
      List<String> seen = new CopyOnWriteArrayList<>();
      SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace("default").inform(
          new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap obj) {
              seen.add("add " + obj.getMetadata().getName());
            }

            @Override
            public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
              seen.add("update " + newObj.getMetadata().getName());
            }

            @Override
            public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
              seen.add("delete " + obj.getMetadata().getName());
            }
          });
      try {
        await().atMost(Duration.ofSeconds(10)).until(informer::hasSynced);
        ConfigMap created = client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
            .withNewMetadata().withName("informed").endMetadata().addToData("v", "1").build()).create();
        created.getData().put("v", "2");
        client.configMaps().inNamespace("default").resource(created).update();
        client.configMaps().inNamespace("default").withName("informed").delete();
        await().atMost(Duration.ofSeconds(10))
            .until(() -> seen.containsAll(List.of("add informed", "update informed", "delete informed")));
      } finally {
        informer.close();
      }
    }
  }

  @Test
  void concurrentWritersProduceOneOrderedEventPerChange() throws Exception {
    server.createCluster("watch-concurrent");
    List<Long> versions = new CopyOnWriteArrayList<>();
    try (KubernetesClient client = SandboxFixture.client(server, "watch-concurrent");
        Watch watch = client.configMaps().inNamespace("default").watch(new Watcher<>() {
          @Override
          public void eventReceived(Action action, ConfigMap resource) {
            versions.add(Long.parseLong(resource.getMetadata().getResourceVersion()));
          }

          @Override
          public void onClose(WatcherException cause) {}
        })) {
      var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
      try {
        List<java.util.concurrent.Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int thread = t;
          writers.add(pool.submit(() -> {
            for (int i = 0; i < 100; i++) {
              client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
                  .withName("c-" + thread + "-" + i).endMetadata().build()).create();
            }
          }));
        }
        for (var writer : writers) {
          writer.get();
        }
      } finally {
        pool.shutdown();
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> versions.size() >= 400);
      assertThat(versions).hasSize(400).isSorted().doesNotHaveDuplicates();
    }
  }

  private static String currentVersion(String cluster) {
    return Json.parse(SandboxFixture.get(server.clusterUrl(cluster) + "/api/v1/namespaces").body()
        .getBytes(StandardCharsets.UTF_8)).path("metadata").path("resourceVersion").asString();
  }

  /** Reads up to {@code count} newline-delimited events from a chunked watch. */
  static List<JsonNode> readEvents(String url, int count) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
    connection.setReadTimeout(10_000);
    List<JsonNode> events = new ArrayList<>();
    try (InputStream in = connection.getInputStream();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      assertThat(connection.getResponseCode()).isEqualTo(200);
      String line;
      while (events.size() < count && (line = reader.readLine()) != null) {
        events.add(Json.parse(line.getBytes(StandardCharsets.UTF_8)));
      }
    } finally {
      connection.disconnect();
    }
    return events;
  }

  private static Watcher<ConfigMap> recorder(List<String> events) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap resource) {
        String value = resource.getData() == null ? "" : resource.getData().getOrDefault("v", "");
        events.add(action + " " + resource.getMetadata().getName() + (value.isEmpty() ? "" : " " + value));
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }
}
