package dev.fulcrum.core.profiles;

import static dev.fulcrum.core.profiles.Profiles.json;
import static dev.fulcrum.core.profiles.Profiles.layer;
import static dev.fulcrum.core.profiles.Profiles.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulcrum.core.engine.TestRequests;
import dev.fulcrum.core.render.RegistryOf;
import dev.fulcrum.core.render.TestProvider;
import dev.fulcrum.core.request.InvalidRequestException;
import dev.fulcrum.core.request.RequestReader;
import dev.fulcrum.core.request.WorkloadCluster;
import dev.fulcrum.spi.AddonLayer;
import dev.fulcrum.spi.FieldError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The add-on layers a cluster's agent gets: Helm rendered, variables substituted, overrides merged. */
class AddonPlannerTest {
  private static final HelmRenderer HELM = new HelmRenderer();
  private final ProfileReader reader = new ProfileReader(HELM);
  private final Map<String, ClusterProfile> stored = new HashMap<>();
  private final AddonPlanner planner =
      new AddonPlanner((name, version) -> Optional.ofNullable(stored.get(name + "@" + version)), HELM);

  private void store(ObjectNode document) {
    ClusterProfile profile = reader.read(json(document));
    stored.put(profile.reference(), profile);
  }

  private static WorkloadCluster cluster(String profileSpec) {
    String yaml = TestRequests.yaml("edge-1").replace("  infrastructure: {region: north}\n", "  infrastructure: {region: north}\n" + profileSpec);
    return new RequestReader(new RegistryOf(new TestProvider())).readWorkloadCluster(TestRequests.bytes(yaml));
  }

  private static ObjectNode object(PlannedLayer layer, String kind, String name) {
    return layer.objects().stream()
        .filter(o -> o.path("kind").asString().equals(kind) && o.at("/metadata/name").asString().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("layer " + layer.id() + " has no " + kind + " " + name));
  }

  @Test
  void rendersTheProfilesWithTheClustersVariablesAndOverrides() {
    store(Profiles.cni());
    store(Profiles.observability());
    WorkloadCluster cluster =
        cluster(
            """
              profiles:
                - {name: cni, version: 1.0.0}
                - {name: observability, version: 1.0.0}
              variables: {replicas: 3, clusterLabel: edge-1}
              overrides:
                - {profile: observability, layer: metrics, values: {scrapeInterval: 10s}}
            """);

    AddonPlan plan = planner.plan(cluster, "test", "1.0.0", List.of());

    assertThat(plan.layers()).extracting(PlannedLayer::id)
        .containsExactly("cni.network", "observability.namespace", "observability.metrics");
    PlannedLayer metrics = plan.layers().get(2);
    assertThat(metrics.dependsOn()).containsExactly("observability.namespace");
    assertThat(metrics.profileVersion()).isEqualTo("1.0.0");
    assertThat(metrics.problem()).isEmpty();
    assertThat(metrics.objects()).extracting(o -> o.path("kind").asString())
        .containsExactlyInAnyOrder("ConfigMap", "ServiceAccount", "Service", "Deployment");
    ObjectNode deployment = object(metrics, "Deployment", "metrics");
    assertThat(deployment.at("/spec/replicas").isInt()).isTrue();
    assertThat(deployment.at("/spec/replicas").intValue()).isEqualTo(3);
    assertThat(deployment.at("/metadata/namespace").asString()).isEqualTo("monitoring");
    ObjectNode config = object(metrics, "ConfigMap", "metrics-config");
    assertThat(config.at("/data/cluster").asString()).isEqualTo("edge-1");
    assertThat(config.at("/data/scrape-interval").asString()).isEqualTo("10s");
    assertThat(object(plan.layers().get(0), "ConfigMap", "fulcrum-cni-config").at("/data/10-bridge.conflist").asString())
        .contains("\"mtu\": 1450");
    assertThat(object(plan.layers().get(1), "Namespace", "monitoring").at("/metadata/namespace").isMissingNode()).isTrue();
    assertThat(plan.toJson().at("/layers/2/drift").asString()).isEqualTo("correct");
  }

  @Test
  void usesTheDefaultsWhenTheClusterSetsNoVariables() {
    store(Profiles.observability());

    AddonPlan plan = planner.plan(cluster("  profiles: [{name: observability, version: 1.0.0}]\n"), "test", "", List.of());

    PlannedLayer metrics = plan.layers().get(1);
    assertThat(object(metrics, "Deployment", "metrics").at("/spec/replicas").intValue()).isEqualTo(1);
    assertThat(object(metrics, "ConfigMap", "metrics-config").at("/data/cluster").asString()).isEqualTo("unnamed");
  }

  @Test
  void anUpgradeAddsChangesAndPrunesExactlyWhatDiffers() {
    ObjectNode v100 = Profiles.observability();
    layer(v100, 0).put("manifests", layer(v100, 0).get("manifests").asString()
        + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: legacy-dashboards, namespace: monitoring}\n");
    store(v100);
    ObjectNode v110 = Profiles.observability();
    spec(v110).put("version", "1.1.0");
    layer(v110, 0).put("manifests", layer(v110, 0).get("manifests").asString()
        + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: alerts, namespace: monitoring}\ndata: {rules: none}\n");
    ((ObjectNode) layer(v110, 1).get("values")).put("scrapeInterval", "15s");
    store(v110);

    Map<String, ObjectNode> before = objects(planner.plan(cluster("  profiles: [{name: observability, version: 1.0.0}]\n"), "test", "", List.of()));
    Map<String, ObjectNode> after = objects(planner.plan(cluster("  profiles: [{name: observability, version: 1.1.0}]\n"), "test", "", List.of()));

    assertThat(difference(after.keySet(), before.keySet())).containsExactly("ConfigMap monitoring/alerts");
    assertThat(difference(before.keySet(), after.keySet())).containsExactly("ConfigMap monitoring/legacy-dashboards");
    Set<String> changed =
        before.keySet().stream().filter(after::containsKey).filter(key -> !before.get(key).equals(after.get(key)))
            .collect(Collectors.toSet());
    // The config changes, and the Deployment with it (its pod template carries the config's checksum).
    assertThat(changed).containsExactlyInAnyOrder("ConfigMap monitoring/metrics-config", "Deployment monitoring/metrics");
  }

  private static Map<String, ObjectNode> objects(AddonPlan plan) {
    Map<String, ObjectNode> objects = new HashMap<>();
    for (PlannedLayer layer : plan.layers()) {
      for (ObjectNode object : layer.objects()) {
        String namespace = object.at("/metadata/namespace").asString("");
        objects.put(object.path("kind").asString() + " " + (namespace.isEmpty() ? "" : namespace + "/") + object.at("/metadata/name").asString(), object);
      }
    }
    return objects;
  }

  private static Set<String> difference(Set<String> left, Set<String> right) {
    return left.stream().filter(key -> !right.contains(key)).collect(Collectors.toSet());
  }

  @Test
  void reportsTheClustersProfileProblemsByFieldPath() {
    ObjectNode observability = Profiles.observability();
    Profiles.variable(observability, 1).remove("default");
    Profiles.variable(observability, 1).put("required", true);
    store(observability);
    WorkloadCluster cluster =
        cluster(
            """
              profiles:
                - {name: observability, version: 1.0.0}
                - {name: cni, version: 2.0.0}
              variables: {replicas: two, region: north}
              overrides:
                - {profile: observability, layer: namespace, values: {a: 1}}
            """);

    assertThat(planner.validate(cluster))
        .containsExactlyInAnyOrder(
            new FieldError("spec.profiles[1]", "no profile cni@2.0.0 is stored; apply it first (fulcrum profile apply -f)"),
            new FieldError("spec.variables.replicas", "must be an integer (variable replicas of profile observability), got a string"),
            new FieldError("spec.variables.region", "is not a variable of the cluster's profiles (declared: clusterLabel, replicas)"),
            new FieldError("spec.variables.clusterLabel", "required by profile observability: The cluster name the collector attaches to its metrics."),
            new FieldError("spec.overrides[0].layer", "names a manifests layer; overrides change the values of helm layers"));
    assertThatThrownBy(() -> planner.plan(cluster, "test", "", List.of())).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void putsTheProvidersAddonsFirstAndMarksAnUnreachableChart() {
    AddonLayer cpi =
        new AddonLayer.Manifests("cpi", "kube-system", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cloud-config}\n");
    AddonLayer csi =
        new AddonLayer.HelmChart("csi", "kube-system", "oci://127.0.0.1:9/charts", "csi-driver", "1.2.3", Map.of());

    AddonLayer ccm =
        new AddonLayer.HelmChart("ccm", "kube-system", "http://127.0.0.1:9/charts", "ccm", "1.0.0", Map.of());

    AddonPlan plan = planner.plan(cluster(""), "test", "0.3.0", List.of(cpi, csi, ccm));

    assertThat(plan.layers()).extracting(PlannedLayer::id).containsExactly("test.cpi", "test.csi", "test.ccm");
    assertThat(plan.layers().get(2).problem()).hasValueSatisfying(
        problem -> assertThat(problem).startsWith("the chart of provider test add-on ccm is not available: "));
    assertThat(plan.layers().get(0).objects().get(0).at("/metadata/namespace").asString()).isEqualTo("kube-system");
    assertThat(plan.layers().get(1).objects()).isEmpty();
    assertThat(plan.layers().get(1).problem()).hasValueSatisfying(
        problem -> assertThat(problem).startsWith("the chart of provider test add-on csi is not available: "));
  }

  @Test
  void refusesProfilesThatGiveOneVariableTwoTypes() {
    store(Profiles.observability());
    ObjectNode cni = Profiles.cni();
    Profiles.variable(cni, 0).put("name", "replicas").put("type", "string").put("default", "one");
    Profiles.layer(cni, 0).put("manifests", Profiles.layer(cni, 0).get("manifests").asString().replace("${mtu}", "1450"));
    store(cni);

    assertThat(planner.validate(cluster("  profiles: [{name: observability, version: 1.0.0}, {name: cni, version: 1.0.0}]\n")))
        .containsExactly(
            new FieldError(
                "spec.profiles[1]",
                "declares variable replicas as string, but profile observability declares it as integer; the cluster"
                    + " sets one value for both"));
  }

  @Test
  void rendersAreCachedWithoutSharingTheObjects() {
    store(Profiles.observability());
    WorkloadCluster cluster = cluster("  profiles: [{name: observability, version: 1.0.0}]\n");

    AddonPlan first = planner.plan(cluster, "test", "", List.of());
    ObjectNode deployment = object(first.layers().get(1), "Deployment", "metrics");
    deployment.put("tampered", true);
    AddonPlan second = planner.plan(cluster, "test", "", List.of());

    assertThat(second.toJson()).isEqualTo(planner.plan(cluster, "test", "", List.of()).toJson());
    assertThat(object(second.layers().get(1), "Deployment", "metrics").has("tampered")).isFalse();
  }
}
