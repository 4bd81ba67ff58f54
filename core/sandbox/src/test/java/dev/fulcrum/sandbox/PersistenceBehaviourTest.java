package dev.fulcrum.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sandbox with a data directory comes back with every object, uid and resourceVersion it had. */
class PersistenceBehaviourTest {

  @TempDir
  Path dataDir;

  private SandboxServer start(SandboxLimits limits) {
    return SandboxServer.start(SandboxOptions.defaults().withDataDir(dataDir).withLimits(limits));
  }

  @Test
  void restartKeepsObjectsUidsResourceVersionsCrdsAndClusters() {
    ConfigMap before;
    GenericKubernetesResource customBefore;
    String listVersionBefore;
    try (SandboxServer server = start(SandboxLimits.defaults());
        KubernetesClient client = SandboxFixture.client(server, SandboxServer.MANAGEMENT)) {
      SandboxFixture.installFulcrumCrds(client);
      before = client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
          .withName("kept").endMetadata().addToData("k", "v").build()).create();
      client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
          .withName("removed").endMetadata().build()).create();
      client.configMaps().inNamespace("default").withName("removed").delete();
      customBefore = client.genericKubernetesResources("fulcrum.dev/v1alpha1", "WorkloadCluster")
          .inNamespace("default").resource(SandboxFixture.workloadCluster("wc")).create();
      server.createCluster("wc-0001");
      server.createCluster("gone");
      server.deleteCluster("gone");
      listVersionBefore = client.configMaps().inNamespace("default").list().getMetadata().getResourceVersion();
    }

    try (SandboxServer server = start(SandboxLimits.defaults());
        KubernetesClient client = SandboxFixture.client(server, SandboxServer.MANAGEMENT)) {
      ConfigMap after = client.configMaps().inNamespace("default").withName("kept").get();
      assertThat(after.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
      assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
      assertThat(after.getData()).containsEntry("k", "v");
      assertThat(client.configMaps().inNamespace("default").withName("removed").get()).isNull();
      assertThat(client.configMaps().inNamespace("default").list().getMetadata().getResourceVersion())
          .isEqualTo(listVersionBefore);
      GenericKubernetesResource customAfter = client.genericKubernetesResources("fulcrum.dev/v1alpha1",
          "WorkloadCluster").inNamespace("default").withName("wc").get();
      assertThat(customAfter.getMetadata().getUid()).isEqualTo(customBefore.getMetadata().getUid());
      assertThat(server.clusters()).containsExactly("management", "wc-0001");

      ConfigMap next = client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
          .withName("after-restart").endMetadata().build()).create();
      assertThat(Long.parseLong(next.getMetadata().getResourceVersion()))
          .isGreaterThan(Long.parseLong(listVersionBefore));
    }
  }

  @Test
  void watchFromBeforeTheRestartIsGone() throws IOException {
    String from;
    try (SandboxServer server = start(SandboxLimits.defaults());
        KubernetesClient client = SandboxFixture.client(server, SandboxServer.MANAGEMENT)) {
      from = client.configMaps().inNamespace("default").list().getMetadata().getResourceVersion();
      client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("x")
          .endMetadata().build()).create();
    }
    try (SandboxServer server = start(SandboxLimits.defaults())) {
      var events = WatchBehaviourTest.readEvents(server.clusterUrl("management")
          + "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=" + from, 1);
      assertThat(events.get(0).path("object").path("code").asInt()).isEqualTo(410);
    }
  }

  @Test
  void informerRelistsAcrossARestartThatExpiredItsResourceVersion() {
    SandboxServer first = start(SandboxLimits.defaults());
    int port = first.port();
    KubernetesClient informerClient = SandboxFixture.client(first, SandboxServer.MANAGEMENT);
    SharedIndexInformer<ConfigMap> informer = informerClient.configMaps().inNamespace("default").inform();
    try {
      await().atMost(Duration.ofSeconds(10)).until(informer::hasSynced);
      try (KubernetesClient client = SandboxFixture.client(first, SandboxServer.MANAGEMENT)) {
        client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
            .withName("before").endMetadata().build()).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> informer.getStore().getByKey("default/before") != null);
        // a change the informer does not watch: its last resourceVersion is now older than the server's
        client.secrets().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
            .withNewMetadata().withName("elsewhere").endMetadata().build()).create();
      }
      first.close();

      try (SandboxServer second = SandboxServer.start(SandboxOptions.defaults().withPort(port).withDataDir(dataDir));
          KubernetesClient client = SandboxFixture.client(second, SandboxServer.MANAGEMENT)) {
        client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
            .withName("after").endMetadata().build()).create();
        client.configMaps().inNamespace("default").withName("before").delete();

        await().atMost(Duration.ofSeconds(30)).until(() -> informer.getStore().getByKey("default/after") != null
            && informer.getStore().getByKey("default/before") == null);
      }
    } finally {
      informer.close();
      informerClient.close();
    }
  }

  @Test
  void checkpointsReplaceTheLogAndRestartFromThem() throws IOException {
    SandboxLimits smallLog = SandboxLimits.defaults().withLogSegmentBytes(16 * 1024);
    try (SandboxServer server = start(smallLog);
        KubernetesClient client = SandboxFixture.client(server, SandboxServer.MANAGEMENT)) {
      for (int i = 0; i < 200; i++) {
        client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
            .withName("cm-" + i).endMetadata().addToData("payload", "x".repeat(200)).build()).create();
      }
    }
    assertThat(Files.list(dataDir.resolve("checkpoints")).map(p -> p.getFileName().toString()))
        .contains("management.ckpt");
    try (Stream<Path> logs = Files.list(dataDir)) {
      long totalLogBytes = logs.filter(p -> p.getFileName().toString().startsWith("wal-")).mapToLong(p -> size(p))
          .sum();
      assertThat(totalLogBytes).isLessThan(200L * 200);
    }

    try (SandboxServer server = start(smallLog);
        KubernetesClient client = SandboxFixture.client(server, SandboxServer.MANAGEMENT)) {
      assertThat(client.configMaps().inNamespace("default").list().getItems()).hasSize(200);
    }
  }

  @Test
  void tornRecordAtTheEndOfTheLogIsDroppedAndTheRestKept() throws IOException {
    try (SandboxServer server = start(SandboxLimits.defaults());
        KubernetesClient client = SandboxFixture.client(server, SandboxServer.MANAGEMENT)) {
      client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
          .withName("intact").endMetadata().build()).create();
      client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
          .withName("torn").endMetadata().addToData("k", "v".repeat(100)).build()).create();
    }
    Path log = newestLog();
    long size = Files.size(log);
    try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
      channel.truncate(size - 40); // cut the last record in the middle
    }

    try (SandboxServer server = start(SandboxLimits.defaults());
        KubernetesClient client = SandboxFixture.client(server, SandboxServer.MANAGEMENT)) {
      assertThat(client.configMaps().inNamespace("default").withName("intact").get()).isNotNull();
      assertThat(client.configMaps().inNamespace("default").withName("torn").get()).isNull();
      // the sandbox keeps working and persisting after dropping the torn record
      client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
          .withName("later").endMetadata().build()).create();
    }
    try (SandboxServer server = start(SandboxLimits.defaults());
        KubernetesClient client = SandboxFixture.client(server, SandboxServer.MANAGEMENT)) {
      assertThat(client.configMaps().inNamespace("default").withName("later").get()).isNotNull();
      assertThat(client.configMaps().inNamespace("default").withName("intact").get()).isNotNull();
    }
  }

  @Test
  void corruptedBytesInTheLastRecordAreDetectedByTheirChecksum() throws IOException {
    try (SandboxServer server = start(SandboxLimits.defaults());
        KubernetesClient client = SandboxFixture.client(server, SandboxServer.MANAGEMENT)) {
      client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
          .withName("flipped").endMetadata().addToData("k", "value").build()).create();
    }
    Path log = newestLog();
    byte[] bytes = Files.readAllBytes(log);
    bytes[bytes.length - 5] ^= 0x5A;
    Files.write(log, bytes);

    try (SandboxServer server = start(SandboxLimits.defaults());
        KubernetesClient client = SandboxFixture.client(server, SandboxServer.MANAGEMENT)) {
      assertThat(client.configMaps().inNamespace("default").withName("flipped").get()).isNull();
      assertThat(client.namespaces().withName("default").get()).isNotNull();
    }
  }

  @Test
  void aDataDirectoryServesOneSandboxAtATime() {
    try (SandboxServer server = start(SandboxLimits.defaults())) {
      assertThatThrownBy(() -> start(SandboxLimits.defaults())).hasMessageContaining(dataDir.toString());
    }
  }

  private Path newestLog() throws IOException {
    try (Stream<Path> files = Files.list(dataDir)) {
      List<Path> logs = files.filter(p -> p.getFileName().toString().startsWith("wal-"))
          .filter(p -> size(p) > 0).sorted().toList();
      return logs.get(logs.size() - 1);
    }
  }

  private static long size(Path path) {
    try {
      return Files.size(path);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

}
