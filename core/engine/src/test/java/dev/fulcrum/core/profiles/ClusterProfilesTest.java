package dev.fulcrum.core.profiles;

import static dev.fulcrum.core.profiles.Profiles.json;
import static dev.fulcrum.core.profiles.Profiles.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulcrum.core.cluster.WorkloadClusters;
import dev.fulcrum.core.engine.ManagementCluster;
import dev.fulcrum.core.engine.TestRequests;
import dev.fulcrum.core.kube.Namespaces;
import dev.fulcrum.core.kube.ServerSideApply;
import dev.fulcrum.core.yaml.Mappers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Profiles stored in a management cluster: versions side by side, a version in use immutable. */
class ClusterProfilesTest {
  private static ManagementCluster management;
  private static final ProfileReader READER = new ProfileReader(new HelmRenderer());
  private static ClusterProfiles profiles;

  @BeforeAll
  static void start() {
    management = ManagementCluster.start();
    profiles = new ClusterProfiles(management.client(), READER);
  }

  @AfterAll
  static void stop() {
    if (management != null) {
      management.close();
    }
  }

  private static ClusterProfile version(String version, String description) {
    ObjectNode document = Profiles.observability();
    spec(document).put("version", version).put("description", description);
    return READER.read(json(document));
  }

  @Test
  void storesVersionsSideBySideAndReadsThemBack() {
    ClusterProfile v2 = version("2.0.0", "two");
    ClusterProfile v10 = version("10.0.0", "ten");
    ClusterProfile rc = version("2.0.0-rc.1", "candidate");

    assertThat(profiles.apply(v10).created()).isTrue();
    assertThat(profiles.apply(v2).created()).isTrue();
    assertThat(profiles.apply(rc).created()).isTrue();

    assertThat(profiles.versions("observability"))
        .extracting(p -> p.at("/spec/version").asString())
        .containsSubsequence("2.0.0-rc.1", "2.0.0", "10.0.0");
    assertThat(profiles.stored("observability", "2.0.0").orElseThrow().at("/metadata/name").asString())
        .isEqualTo("observability.2.0.0");
    assertThat(profiles.get("observability", "2.0.0").orElseThrow()).usingRecursiveComparison().isEqualTo(v2);
    assertThat(profiles.get("observability", "3.0.0")).isEmpty();
  }

  /** Stores a cluster in project team-a whose spec references the observability profile at the version. */
  private static void clusterUsing(String cluster, String version) {
    String request =
        TestRequests.yaml(cluster).replace("  infrastructure: {region: north}\n",
            "  infrastructure: {region: north}\n  profiles: [{name: observability, version: " + version + "}]\n");
    new ServerSideApply(management.client()).apply(Namespaces.namespace("team-a", Map.of()));
    new WorkloadClusters(management.client()).apply(Mappers.yaml().readTree(request));
  }

  @Test
  void aVersionInUseCannotChangeButMayBeAppliedAgain() {
    ClusterProfile original = version("5.0.0", "original");
    profiles.apply(original);
    clusterUsing("uses-five", "5.0.0");

    assertThat(profiles.apply(original).created()).isFalse();
    assertThatThrownBy(() -> profiles.apply(version("5.0.0", "changed")))
        .isInstanceOf(ProfileInUseException.class)
        .hasMessage(
            "profile observability@5.0.0 is used by team-a/uses-five; a version in use cannot change: publish the"
                + " change as a new version");
    assertThat(profiles.get("observability", "5.0.0").orElseThrow().description()).isEqualTo("original");
  }

  @Test
  void aVersionNobodyUsesMayChange() {
    profiles.apply(version("6.0.0", "first"));

    assertThat(profiles.apply(version("6.0.0", "second")).created()).isFalse();

    assertThat(profiles.get("observability", "6.0.0").orElseThrow().description()).isEqualTo("second");
  }

  @Test
  void deletesAVersionNobodyUsesAndSaysWhetherItWasThere() {
    profiles.apply(version("7.0.0", "doomed"));
    profiles.apply(version("7.1.0", "kept"));

    assertThat(profiles.delete("observability", "7.0.0")).isTrue();

    assertThat(profiles.stored("observability", "7.0.0")).isEmpty();
    assertThat(profiles.get("observability", "7.1.0")).isPresent();
    assertThat(profiles.delete("observability", "7.0.0")).isFalse();
    assertThat(profiles.delete("absent", "1.0.0")).isFalse();
  }

  @Test
  void aVersionInUseCannotBeDeleted() {
    profiles.apply(version("8.0.0", "used"));
    clusterUsing("uses-eight-a", "8.0.0");
    clusterUsing("uses-eight-b", "8.0.0");

    assertThatThrownBy(() -> profiles.delete("observability", "8.0.0"))
        .isInstanceOf(ProfileInUseException.class)
        .hasMessage(
            "profile observability@8.0.0 is used by team-a/uses-eight-a, team-a/uses-eight-b; a version in use"
                + " cannot be deleted: move those clusters to another version first")
        .extracting(failure -> ((ProfileInUseException) failure).clusters())
        .isEqualTo(List.of("team-a/uses-eight-a", "team-a/uses-eight-b"));
    assertThat(profiles.stored("observability", "8.0.0")).isPresent();
  }
}
