package dev.fulcrum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.core.cluster.WorkloadClusters;
import dev.fulcrum.core.engine.Engine;
import dev.fulcrum.core.engine.EngineOptions;
import dev.fulcrum.core.kube.Crds;
import dev.fulcrum.core.kube.KubeClients;
import dev.fulcrum.core.kube.Namespaces;
import dev.fulcrum.core.kube.ServerSideApply;
import dev.fulcrum.core.plugins.ProviderRegistry;
import dev.fulcrum.core.server.AdminToken;
import dev.fulcrum.core.server.ApiServer;
import dev.fulcrum.core.yaml.Mappers;
import dev.fulcrum.sandbox.SandboxOptions;
import dev.fulcrum.sandbox.SandboxServer;
import dev.fulcrum.spi.InfrastructureProvider;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code fulcrum profile apply|list|get|delete} against a running server. */
class ProfileCommandsTest {
  private static final Path BUILT_IN = Path.of(System.getProperty("fulcrum.profiles.dir", "../../config/profiles"));

  @TempDir static Path dataDir;
  @TempDir Path dir;

  private static SandboxServer sandbox;
  private static KubernetesClient client;
  private static Engine engine;
  private static ApiServer server;
  private static String[] connection;

  @BeforeAll
  static void start() {
    sandbox = SandboxServer.start(SandboxOptions.defaults());
    client = KubeClients.forUrl(sandbox.clusterUrl(SandboxServer.MANAGEMENT));
    Crds.install(client);
    ProviderRegistry none =
        new ProviderRegistry() {
          @Override
          public Optional<InfrastructureProvider> find(String id) {
            return Optional.empty();
          }

          @Override
          public SortedSet<String> ids() {
            return new TreeSet<>();
          }
        };
    engine = Engine.create(client, none, EngineOptions.defaults(), Clock.systemUTC());
    AdminToken token = AdminToken.createOrRead(dataDir);
    server = ApiServer.start(new ApiServer.Config("127.0.0.1", 0, engine, List.of(), token, Optional.empty()));
    connection = new String[] {"--server", server.url(), "--token", token.value()};
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (engine != null) {
      engine.close();
    }
    if (client != null) {
      client.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  private static CliRun profile(String... args) {
    String[] all = new String[args.length + 1 + connection.length];
    all[0] = "profile";
    System.arraycopy(args, 0, all, 1, args.length);
    System.arraycopy(connection, 0, all, 1 + args.length, connection.length);
    return CliRun.of(all);
  }

  /** A copy of the built-in observability profile and its chart directory, elsewhere. */
  private Path observabilityCopy(String version) throws IOException {
    try (Stream<Path> files = Files.walk(BUILT_IN.resolve("charts"))) {
      for (Path source : files.sorted(Comparator.naturalOrder()).toList()) {
        Path target = dir.resolve(BUILT_IN.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    String yaml = Files.readString(BUILT_IN.resolve("observability.yaml")).replace("version: 1.0.0", "version: " + version);
    return Files.writeString(dir.resolve("observability.yaml"), yaml);
  }

  @Test
  void appliesAProfileWithALocalChartDirectoryThenListsAndGetsIt() throws IOException {
    Path file = observabilityCopy("3.1.0");

    CliRun applied = profile("apply", "-f", file.toString());
    CliRun again = profile("apply", "-f", file.toString());
    CliRun list = profile("list");
    CliRun get = profile("get", "observability@3.1.0", "-o", "json");

    assertThat(applied.err()).isEmpty();
    assertThat(applied.out()).isEqualTo("profile observability@3.1.0 created\n");
    assertThat(again.out()).isEqualTo("profile observability@3.1.0 unchanged or configured\n");
    assertThat(list.out()).startsWith("NAME").contains("observability   3.1.0     correct   namespace:manifests,metrics:helm");
    JsonNode stored = Mappers.json().readTree(get.out());
    assertThat(stored.at("/metadata/name").asString()).isEqualTo("observability.3.1.0");
    assertThat(stored.at("/spec/layers/1/chart/path").isMissingNode()).isTrue();
    assertThat(stored.at("/spec/layers/1/chart/archive").asString()).isNotEmpty();
    assertThat(profile("get", "observability").out()).contains("3.1.0");
  }

  @Test
  void printsEveryProblemOfAnInvalidProfileAndExitsWith1() throws IOException {
    Path file = observabilityCopy("3.2");

    CliRun run = profile("apply", "-f", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("spec.version: must be a semantic version MAJOR.MINOR.PATCH");
    assertThat(profile("get", "observability@3.2").exitCode()).isEqualTo(1);
  }

  @Test
  void namesAMissingChartDirectory() throws IOException {
    Path file = Files.writeString(
        dir.resolve("broken.yaml"),
        Files.readString(BUILT_IN.resolve("observability.yaml")).replace("./charts/metrics", "./charts/absent"));

    CliRun run = profile("apply", "-f", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("spec.layers[1].chart.path: no chart directory or .tgz at");
  }

  /** Stores a cluster in project team-a that references observability at the version. */
  private static void clusterUsing(String name, String version) {
    new ServerSideApply(client).apply(Namespaces.namespace("team-a", Map.of()));
    new WorkloadClusters(client)
        .apply(
            Mappers.yaml()
                .readTree(
                    """
                    apiVersion: fulcrum.dev/v1alpha1
                    kind: WorkloadCluster
                    metadata: {name: %s, namespace: team-a}
                    spec:
                      provider: docker
                      kubernetesVersion: v1.33.4
                      controlPlane: {replicas: 1}
                      profiles: [{name: observability, version: %s}]
                    """
                        .formatted(name, version)));
  }

  @Test
  void deletesAVersionSoTheListNoLongerShowsIt() throws IOException {
    profile("apply", "-f", observabilityCopy("3.3.0").toString());

    CliRun deleted = profile("delete", "observability@3.3.0");

    assertThat(deleted.err()).isEmpty();
    assertThat(deleted.exitCode()).isZero();
    assertThat(deleted.out()).isEqualTo("profile observability@3.3.0 deleted\n");
    assertThat(profile("list").out()).doesNotContain("3.3.0");
    CliRun again = profile("delete", "observability@3.3.0");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).isEqualTo("fulcrum: no profile observability@3.3.0 is stored\n");
  }

  @Test
  void refusesToDeleteAVersionAClusterUsesNamingTheCluster() throws IOException {
    profile("apply", "-f", observabilityCopy("3.4.0").toString());
    clusterUsing("uses-three-four", "3.4.0");

    CliRun run = profile("delete", "observability@3.4.0");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "fulcrum: profile observability@3.4.0 is used by team-a/uses-three-four; a version in use cannot be"
                + " deleted: move those clusters to another version first\n");
    assertThat(profile("list").out()).contains("3.4.0");
  }

  @Test
  void deleteNeedsAVersion() {
    CliRun run = profile("delete", "observability");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("NAME@VERSION: expected a profile and its version, e.g. observability@1.0.0, not 'observability'")
        .contains("Usage: fulcrum profile delete");
    assertThat(profile("delete", "observability@").exitCode()).isEqualTo(2);
  }
}
