package dev.fulcrum.core.pivot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulcrum.core.kube.KubeTrees;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The move of the docker example's graph between two sandbox clusters, and the moves refused before any change. */
class MoveTest {
  private static PivotSandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = PivotSandbox.start();
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void movesTheWholeGraphWithOwnersPointingAtTargetUidsAndUnpausesTheTarget() {
    String namespace = "team-a--moved";
    sandbox.dockerExample(sandbox.management(), namespace, "moved");
    Map<String, JsonNode> before = PivotSandbox.objects(sandbox.management(), namespace);
    assertThat(before).hasSize(14);

    MoveResult result = new ClusterMove(sandbox.journal())
        .move(PivotSandbox.pivot(namespace, "moved"), sandbox.managementApi(), sandbox.workloadApi());

    assertThat(result.moved()).hasSize(14).startsWith("Cluster moved").doesNotHaveDuplicates();
    assertThat(result.phases()).containsExactly(MovePhase.PLANNED, MovePhase.CREATING, MovePhase.DELETING,
        MovePhase.DONE);
    assertThat(result.resumedFrom()).isEmpty();
    assertThat(PivotSandbox.objects(sandbox.management(), namespace)).isEmpty();
    Map<String, JsonNode> after = PivotSandbox.objects(sandbox.workload(), namespace);
    assertThat(after.keySet()).isEqualTo(before.keySet());
    Map<String, String> targetUidByName = new HashMap<>();
    after.values().forEach(o -> targetUidByName.put(o.path("kind").asString() + " " + o.at("/metadata/name")
        .asString(), o.at("/metadata/uid").asString()));
    after.forEach((key, copy) -> {
      assertThat(copy.has("status")).as(key + " status copied").isFalse();
      JsonNode original = before.get(key);
      assertThat(copy.at("/metadata/ownerReferences").size()).as(key + " owners")
          .isEqualTo(original.at("/metadata/ownerReferences").size());
      for (int i = 0; i < copy.at("/metadata/ownerReferences").size(); i++) {
        JsonNode owner = copy.at("/metadata/ownerReferences").get(i);
        JsonNode originalOwner = original.at("/metadata/ownerReferences").get(i);
        assertThat(owner.path("uid").asString()).as(key + " owner uid")
            .isEqualTo(targetUidByName.get(owner.path("kind").asString() + " " + owner.path("name").asString()));
        assertThat(owner.path("controller").asBoolean(false)).isEqualTo(originalOwner.path("controller")
            .asBoolean(false));
      }
      assertThat(copy.path("spec")).as(key + " spec").isEqualTo(withoutPaused(original.path("spec")));
    });
    assertThat(after.get("Cluster moved").at("/spec/paused").isMissingNode()).isTrue();
    assertThat(after.get("Secret moved-kubeconfig").path("data")).isEqualTo(before.get("Secret moved-kubeconfig")
        .path("data"));
    assertThat(sandbox.journal().load(namespace)).as("journal after success").isEmpty();

    MoveResult again = new ClusterMove(sandbox.journal())
        .move(PivotSandbox.pivot(namespace, "moved"), sandbox.managementApi(), sandbox.workloadApi());
    assertThat(again.nothingToMove()).isTrue();
    assertThat(again.targetCalls()).containsOnlyKeys(MoveApi.Operation.GET);
    assertThat(PivotSandbox.objects(sandbox.workload(), namespace).keySet()).isEqualTo(before.keySet());
  }

  @Test
  void movesBackTheSameWay() {
    String namespace = "team-a--round";
    sandbox.dockerExample(sandbox.management(), namespace, "round");
    var expected = PivotSandbox.objects(sandbox.management(), namespace).keySet();
    ClusterMove move = new ClusterMove(sandbox.journal());
    move.move(PivotSandbox.pivot(namespace, "round"), sandbox.managementApi(), sandbox.workloadApi());
    PivotSandbox.reportProvisioned(sandbox.workload(), namespace, "round");

    MoveResult back = move.move(PivotSandbox.back(namespace, "round"), sandbox.workloadApi(), sandbox.managementApi());

    assertThat(back.moved()).hasSize(14);
    assertThat(PivotSandbox.objects(sandbox.workload(), namespace)).isEmpty();
    assertThat(PivotSandbox.objects(sandbox.management(), namespace).keySet()).isEqualTo(expected);
    sandbox.assertEachObjectOnceAndNothingPaused(namespace, expected);
  }

  @Test
  void anObjectThatFitsNoGraphStopsTheMoveBeforeAnyChangeAndIsNamed() {
    String namespace = "team-a--stray";
    sandbox.dockerExample(sandbox.management(), namespace, "stray");
    PivotSandbox.create(sandbox.management(), PivotSandbox.secret(namespace, "stray-ipam-claims", "Opaque"));
    ObjectNode orphan = PivotSandbox.object(PivotSandbox.INFRA_API, "DevMachine", namespace, "orphan-machine");
    orphan.putObject("spec").putObject("backend").putObject("docker");
    PivotSandbox.create(sandbox.management(), orphan);
    var before = PivotSandbox.objects(sandbox.management(), namespace);

    assertThatThrownBy(() -> new ClusterMove(sandbox.journal())
        .move(PivotSandbox.pivot(namespace, "stray"), sandbox.managementApi(), sandbox.workloadApi()))
        .isInstanceOfSatisfying(UnmovableObjectsException.class, e -> assertThat(e.objects()).containsExactly(
            "DevMachine team-a--stray/orphan-machine", "Secret team-a--stray/stray-ipam-claims"))
        .hasMessageContaining("nothing was changed")
        .hasMessageContaining("Secret team-a--stray/stray-ipam-claims");

    assertThat(PivotSandbox.objects(sandbox.management(), namespace)).isEqualTo(before);
    assertThat(PivotSandbox.objects(sandbox.workload(), namespace)).isEmpty();
    assertThat(sandbox.journal().load(namespace)).isEmpty();
  }

  @Test
  void softOwnedAndLabelledObjectsMoveWithTheCluster() {
    String namespace = "team-a--soft";
    sandbox.dockerExample(sandbox.management(), namespace, "soft");
    // A cluster Secret without ownerReferences is soft-owned by its Cluster; a labelled ConfigMap is forced along.
    sandbox.management().secrets().inNamespace(namespace).withName("soft-proxy").edit(secret -> {
      secret.getMetadata().setOwnerReferences(List.of());
      return secret;
    });
    ObjectNode labelled = PivotSandbox.object("v1", "ConfigMap", namespace, "soft-extra");
    ((ObjectNode) labelled.get("metadata")).putObject("labels").put(Clusterctl.MOVE_LABEL, "");
    PivotSandbox.create(sandbox.management(), labelled);

    MoveResult result = new ClusterMove(sandbox.journal())
        .move(PivotSandbox.pivot(namespace, "soft"), sandbox.managementApi(), sandbox.workloadApi());

    assertThat(result.moved()).contains("Secret soft-proxy", "ConfigMap soft-extra").hasSize(15);
    assertThat(PivotSandbox.objects(sandbox.management(), namespace)).isEmpty();
    assertThat(result.moved().indexOf("Secret soft-proxy")).isGreaterThan(result.moved().indexOf("Cluster soft"));
  }

  @Test
  void aMachineWithoutANodeStopsTheMoveBeforeAnyChangeAndIsNamed() {
    String namespace = "team-a--early";
    sandbox.dockerExample(sandbox.management(), namespace, "early");
    GenericKubernetesResource machine = sandbox.management().genericKubernetesResources(PivotSandbox.CLUSTER_API,
        "Machine").inNamespace(namespace).withName("early-control-plane-a1b2c").get();
    machine.setAdditionalProperty("status", Map.of("phase", "Provisioning"));
    sandbox.management().resource(machine).updateStatus();
    var before = PivotSandbox.objects(sandbox.management(), namespace);

    assertThatThrownBy(() -> new ClusterMove(sandbox.journal())
        .move(PivotSandbox.pivot(namespace, "early"), sandbox.managementApi(), sandbox.workloadApi()))
        .isInstanceOfSatisfying(MovePreflightException.class, e -> assertThat(e.violations()).containsExactly(
            "Machine team-a--early/early-control-plane-a1b2c: status.nodeRef is not set (its node has not joined"
                + " yet)"))
        .hasMessageContaining("nothing was changed");
    assertThat(PivotSandbox.objects(sandbox.management(), namespace)).isEqualTo(before);
    assertThat(PivotSandbox.objects(sandbox.workload(), namespace)).isEmpty();
  }

  @Test
  void objectsLeftWithoutTheirClusterAreNotCalledASuccess() {
    String namespace = "team-a--headless";
    sandbox.dockerExample(sandbox.management(), namespace, "headless");
    ClusterMove move = new ClusterMove(sandbox.journal());
    move.move(PivotSandbox.pivot(namespace, "headless"), sandbox.managementApi(), sandbox.workloadApi());
    PivotSandbox.create(sandbox.management(), PivotSandbox.secret(namespace, "headless-left-behind", "Opaque"));

    assertThatThrownBy(() -> move.move(PivotSandbox.pivot(namespace, "headless"), sandbox.managementApi(),
        sandbox.workloadApi()))
        .isInstanceOfSatisfying(UnmovableObjectsException.class,
            e -> assertThat(e.objects()).containsExactly("Secret team-a--headless/headless-left-behind"))
        .hasMessageContaining("Cluster team-a--headless/headless is not in the source cluster");
  }

  @Test
  void aClusterPausedBeforeTheMoveStaysPausedOnTheTarget() {
    String namespace = "team-a--held";
    sandbox.dockerExample(sandbox.management(), namespace, "held");
    sandbox.management().genericKubernetesResources(PivotSandbox.CLUSTER_API, "Cluster").inNamespace(namespace)
        .withName("held").edit(cluster -> {
          cluster.setAdditionalProperty("spec", withPaused(cluster.getAdditionalProperties().get("spec")));
          return cluster;
        });

    new ClusterMove(sandbox.journal())
        .move(PivotSandbox.pivot(namespace, "held"), sandbox.managementApi(), sandbox.workloadApi());

    assertThat(PivotSandbox.objects(sandbox.workload(), namespace).get("Cluster held").at("/spec/paused")
        .asBoolean(false)).isTrue();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withPaused(Object spec) {
    Map<String, Object> paused = new HashMap<>((Map<String, Object>) spec);
    paused.put("paused", true);
    return paused;
  }

  @Test
  void waitsForProvidersToLiftBlockMoveAfterThePause() throws Exception {
    String namespace = "team-a--blocked";
    sandbox.dockerExample(sandbox.management(), namespace, "blocked");
    blockMove(namespace, "blocked");
    // The provider lifts the annotation once it sees the Cluster paused.
    Thread provider = new Thread(() -> {
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> KubeTrees.tree(sandbox.management()
          .genericKubernetesResources(PivotSandbox.CLUSTER_API, "Cluster").inNamespace(namespace).withName("blocked")
          .get()).at("/spec/paused").asBoolean(false));
      sandbox.management().genericKubernetesResources(PivotSandbox.INFRA_API, "DevCluster").inNamespace(namespace)
          .withName("blocked").edit(devCluster -> {
            devCluster.getMetadata().getAnnotations().remove(Clusterctl.BLOCK_MOVE_ANNOTATION);
            return devCluster;
          });
    });
    provider.start();

    MoveResult result = new ClusterMove(sandbox.journal(), 3, Duration.ofSeconds(20))
        .move(PivotSandbox.pivot(namespace, "blocked"), sandbox.managementApi(), sandbox.workloadApi());
    provider.join();

    assertThat(result.moved()).hasSize(14);
    assertThat(result.sourceCalls()).containsKey(MoveApi.Operation.GET);
    assertThat(PivotSandbox.objects(sandbox.workload(), namespace).get("DevCluster blocked")
        .at("/metadata/annotations").has(Clusterctl.BLOCK_MOVE_ANNOTATION)).isFalse();
  }

  @Test
  void aBlockMoveThatStaysRollsTheMoveBack() {
    String namespace = "team-a--stuck";
    sandbox.dockerExample(sandbox.management(), namespace, "stuck");
    blockMove(namespace, "stuck");
    var expected = PivotSandbox.objects(sandbox.management(), namespace).keySet();

    assertThatThrownBy(() -> new ClusterMove(sandbox.journal(), 3, Duration.ofMillis(300))
        .move(PivotSandbox.pivot(namespace, "stuck"), sandbox.managementApi(), sandbox.workloadApi()))
        .isInstanceOf(MoveException.class)
        .hasMessageContaining("rolled back")
        .hasMessageContaining("DevCluster team-a--stuck/stuck still carries the " + Clusterctl.BLOCK_MOVE_ANNOTATION);
    assertThat(PivotSandbox.objects(sandbox.management(), namespace).keySet()).isEqualTo(expected);
    sandbox.assertEachObjectOnceAndNothingPaused(namespace, expected);
  }

  private static void blockMove(String namespace, String cluster) {
    sandbox.management().genericKubernetesResources(PivotSandbox.INFRA_API, "DevCluster").inNamespace(namespace)
        .withName(cluster).edit(devCluster -> {
          devCluster.getMetadata().setAnnotations(new HashMap<>(Map.of(Clusterctl.BLOCK_MOVE_ANNOTATION,
              "")));
          return devCluster;
        });
  }

  @Test
  void aClusterInNeitherClusterIsAnError() {
    sandbox.management().namespaces().resource(new NamespaceBuilder()
        .withNewMetadata().withName("team-a--ghost").endMetadata().build()).create();
    assertThatThrownBy(() -> new ClusterMove(sandbox.journal())
        .move(PivotSandbox.pivot("team-a--ghost", "ghost"), sandbox.managementApi(), sandbox.workloadApi()))
        .isInstanceOf(MoveException.class)
        .hasMessageContaining("Cluster team-a--ghost/ghost exists in neither cluster");
  }

  @Test
  void aRequestNamesEveryInvalidField() {
    assertThatThrownBy(() -> new MoveRequest(" ", "", Set.of(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("namespace: must not be blank")
        .hasMessageContaining("clusterName: must not be blank")
        .hasMessageContaining("apiGroups: must name at least one API group")
        .hasMessageContaining("direction: must be given");
  }

  private static JsonNode withoutPaused(JsonNode spec) {
    if (spec instanceof ObjectNode object) {
      ObjectNode copy = object.deepCopy();
      copy.remove("paused");
      return copy;
    }
    return spec;
  }
}
