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

  @Test
  void aVersionInUseCannotChangeButMayBeAppliedAgain() {
    ClusterProfile original = version("5.0.0", "original");
    profiles.apply(original);
    String request =
        TestRequests.yaml("uses-five").replace("  infrastructure: {region: north}\n",
            "  infrastructure: {region: north}\n  profiles: [{name: observability, version: 5.0.0}]\n");
    new ServerSideApply(management.client()).apply(Namespaces.namespace("team-a", Map.of()));
    new WorkloadClusters(management.client()).apply(Mappers.yaml().readTree(request));

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
}
