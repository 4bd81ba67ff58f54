package dev.fulcrum.core.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.core.engine.TestRequests;
import dev.fulcrum.core.profiles.AddonPlanner;
import dev.fulcrum.core.profiles.HelmRenderer;
import dev.fulcrum.core.render.ClusterRenderer;
import dev.fulcrum.core.render.KubeObject;
import dev.fulcrum.core.render.RegistryOf;
import dev.fulcrum.core.render.TestProvider;
import dev.fulcrum.core.request.RequestReader;
import dev.fulcrum.core.yaml.Mappers;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** What an agent is asked to do, from a stored WorkloadCluster. */
class DesiredSpecsTest {
  private final RegistryOf registry = new RegistryOf(new TestProvider());
  private final DesiredSpecs specs =
      new DesiredSpecs(
          new RequestReader(registry),
          new ClusterRenderer(registry),
          new AddonPlanner((name, version) -> Optional.empty(), new HelmRenderer()),
          registry);

  @Test
  void aNewClusterIsOneStageWithEveryMachine() {
    AgentSpec spec = specs.of(stored());

    assertThat(spec.cluster().toString()).isEqualTo("team-a/edge");
    assertThat(spec.namespace()).isEqualTo("team-a--edge");
    assertThat(spec.clusterName()).isEqualTo("edge");
    assertThat(spec.deleting()).isFalse();
    assertThat(spec.stages()).hasSize(1);
    List<KubeObject> objects = spec.stages().get(0).objects();
    assertThat(object(objects, "KubeadmControlPlane").at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(object(objects, "MachineDeployment").at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(spec.addons().layers()).isEmpty();
    assertThat(spec.toTree().at("/addons/layers").isArray()).isTrue();
  }

  @Test
  void theVersionChangesWithTheSpecAndOnlyThen() {
    ObjectNode cluster = stored();
    String before = specs.of(cluster).version();
    assertThat(specs.of(stored()).version()).isEqualTo(before);

    ((ObjectNode) cluster.at("/spec/workerPools/0")).put("replicas", 5);
    assertThat(specs.of(cluster).version()).isNotEqualTo(before);
  }

  @Test
  void anUpgradeSkippingAMinorIsPlannedFromTheRunningVersion() {
    ObjectNode cluster = stored();
    cluster.withObject("status").put("kubernetesVersion", "v1.32.5");
    ((ObjectNode) cluster.get("spec")).put("kubernetesVersion", "v1.34.2");

    AgentSpec spec = specs.of(cluster);

    assertThat(spec.stages()).extracting(AgentSpec.Stage::kubernetesVersion).containsExactly("v1.33.0", "v1.34.2");
    assertThat(object(spec.stages().get(0).objects(), "KubeadmControlPlane").at("/spec/version").asString())
        .isEqualTo("v1.33.0");
    assertThat(object(spec.stages().get(1).objects(), "KubeadmControlPlane").at("/spec/version").asString())
        .isEqualTo("v1.34.2");
  }

  @Test
  void rotatingCertificatesRollsTheControlPlaneOut() {
    ObjectNode cluster = stored();
    ((ObjectNode) cluster.at("/spec/controlPlane")).put("rolloutAfter", "2026-11-26T10:00:00Z");

    ObjectNode controlPlane = object(specs.of(cluster).stages().get(0).objects(), "KubeadmControlPlane");

    assertThat(controlPlane.at("/spec/rollout/after").asString()).isEqualTo("2026-11-26T10:00:00Z");
    assertThat(controlPlane.at("/spec/rollout/before/certificatesExpiryDays").asInt()).isEqualTo(21);
  }

  @Test
  void aDeletedClusterAsksTheAgentToLetGo() {
    ObjectNode cluster = stored();
    ((ObjectNode) cluster.get("metadata")).put("deletionTimestamp", "2026-11-26T10:00:00Z");

    assertThat(specs.of(cluster).deleting()).isTrue();
    assertThat(specs.of(cluster).version()).isNotEqualTo(specs.of(stored()).version());
  }

  private static ObjectNode stored() {
    ObjectNode cluster = (ObjectNode) Mappers.yaml().readTree(TestRequests.yaml("edge"));
    ((ObjectNode) cluster.get("metadata")).put("generation", 1).put("uid", "u-1");
    return cluster;
  }

  private static ObjectNode object(List<KubeObject> objects, String kind) {
    return objects.stream().filter(o -> o.kind().equals(kind)).findFirst().orElseThrow().toTree();
  }
}
