package dev.fulcrum.agent;

import static dev.fulcrum.agent.AddonLayers.configMap;
import static dev.fulcrum.agent.AddonLayers.daemonSet;
import static dev.fulcrum.agent.AddonLayers.deployment;
import static dev.fulcrum.agent.AddonLayers.docs;
import static dev.fulcrum.agent.AddonLayers.namespace;
import static dev.fulcrum.agent.AddonLayers.statefulSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.sandbox.capi.FailureInjection;
import dev.fulcrum.sandbox.kubelet.DeploymentRuntime;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Step 6 in a pivoted workload cluster (sandbox API, simulated CAPI controllers, the sandbox's Deployment runtime
 * rolling out Deployments, StatefulSets and DaemonSets): add-on layers applied in order with readiness, failure and
 * recovery, upgrade with prune, drift corrected and reported; all through the real protocol with a fake management
 * plane.
 */
class AgentAddonsTest extends AgentTestSupport {

  private static final AddonTimings QUICK = new AddonTimings(Duration.ofSeconds(30), Duration.ofSeconds(1),
      Duration.ofSeconds(2));

  @Test
  void layersWaitForTheControlPlane() {
    WorkloadCluster cluster = closeLater(WorkloadCluster.empty(sandbox, "addons-cp"));
    cluster.create(cluster.specs().object("Cluster", "addons-cp"));
    FakeManagementPlane server = managementPlane();
    server.publish(new AddonLayers().layer("cni", "1.0.0", "base", "kube-system", "correct", List.of(),
        configMap("cni-config", "", "on")).addTo(cluster.specs().json("1")));
    agent(server, cluster);

    await().atMost(WAIT).untilAsserted(() -> {
      JsonNode layer = server.lastReport().at("/addons/0");
      assertThat(layer.path("id").asString()).isEqualTo("cni.base");
      assertThat(layer.path("state").asString()).isEqualTo("Pending");
      assertThat(layer.path("message").asString()).isEqualTo("waiting for the control plane to be rolled out");
      assertThat(layer.path("objects").asInt()).isEqualTo(1);
      assertThat(server.lastReport().path("message").asString()).startsWith("waiting for the control plane");
    });
    assertThat(cluster.client().configMaps().inNamespace("kube-system").withName("cni-config").get()).isNull();
  }

  @Test
  void installsLayersInOrderEachAfterTheLastIsReady() {
    WorkloadCluster cluster = closeLater(WorkloadCluster.pivoted(sandbox, "addons-order", FailureInjection.none()));
    closeLater(DeploymentRuntime.start(sandbox, List.of(), Duration.ofSeconds(4)));
    FakeManagementPlane server = managementPlane();
    String crd = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
        + "metadata: {name: dashboards.observability.example.dev}\nspec:\n  group: observability.example.dev\n"
        + "  scope: Namespaced\n  names: {plural: dashboards, singular: dashboard, kind: Dashboard,"
        + " listKind: DashboardList}\n  versions:\n  - name: v1\n    served: true\n    storage: true\n"
        + "    schema:\n      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}\n";
    String dashboard = "apiVersion: observability.example.dev/v1\nkind: Dashboard\nmetadata: {name: cluster}\n"
        + "spec: {title: Cluster}\n";
    AddonLayers layers = new AddonLayers()
        .layer("observability", "1.0.0", "namespace", "monitoring", "correct", List.of(),
            docs(namespace("monitoring"), deployment("node-exporter", "", 1)))
        // What Helm would render for a local chart with values: a CRD, a custom resource of it, a workload.
        .layer("observability", "1.0.0", "metrics", "monitoring", "correct", List.of("observability.namespace"),
            docs(crd, dashboard, configMap("metrics-values", "", "replicas=2"), deployment("metrics", "", 2)));
    server.publish(layers.addTo(cluster.specs().poolReplicas("general", 1).json("1")));
    agent(server, cluster);

    await().atMost(WAIT).untilAsserted(() -> {
      JsonNode report = server.lastReport();
      assertThat(report.at("/addons/0/state").asString()).as(report.toString()).isEqualTo("Applying");
      assertThat(report.at("/addons/0/message").asString())
          .isEqualTo("waiting for Deployment monitoring/node-exporter to be available");
      assertThat(report.at("/addons/1/state").asString()).isEqualTo("Pending");
      assertThat(report.at("/addons/1/message").asString()).isEqualTo("waiting for add-on layer observability.namespace");
    });
    KubernetesClient client = cluster.client();
    assertThat(client.configMaps().inNamespace("monitoring").withName("metrics-values").get())
        .as("the second layer waits for the first's Deployment").isNull();

    awaitAddonsReady(server, "1", 2);
    JsonNode report = server.lastReport();
    assertThat(report.path("addons").findValuesAsString("id"))
        .containsExactly("observability.namespace", "observability.metrics");
    assertThat(report.at("/addons/1/objects").asInt()).isEqualTo(4);
    assertThat(report.at("/machines/running").asInt()).isEqualTo(2);
    Deployment metrics = client.apps().deployments().inNamespace("monitoring").withName("metrics").get();
    assertThat(metrics.getSpec().getReplicas()).isEqualTo(2);
    assertThat(metrics.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "fulcrum")
        .containsEntry("fulcrum.dev/cluster", "addons-order").containsEntry("fulcrum.dev/addon-layer",
            "observability.metrics");
    assertThat(metrics.getMetadata().getManagedFields()).extracting(f -> f.getManager()).contains("fulcrum-agent");
    assertThat(client.genericKubernetesResources("observability.example.dev/v1", "Dashboard").inNamespace("monitoring")
        .withName("cluster").get()).isNotNull();
    assertThat(client.namespaces().withName("monitoring").get().getMetadata().getLabels())
        .containsEntry("fulcrum.dev/addon-layer", "observability.namespace");
    assertThat(AgentReconcileTest.reasons(server)).containsSubsequence("AddonLayerReady", "AddonLayerReady");
    assertThat(server.events()).filteredOn(e -> e.path("reason").asString().equals("AddonLayerReady"))
        .extracting(e -> e.path("message").asString()).first().asString()
        .contains("observability.namespace").contains("1.0.0");
  }

  @Test
  void aLayerWaitsForItsDaemonSetsAndStatefulSetsToRollOut() {
    WorkloadCluster cluster = closeLater(WorkloadCluster.pivoted(sandbox, "addons-sets", FailureInjection.none()));
    closeLater(DeploymentRuntime.start(sandbox, List.of(), Duration.ofSeconds(4)));
    FakeManagementPlane server = managementPlane();
    AddonLayers layers = new AddonLayers()
        .layer("platform", "1.0.0", "network", "platform", "correct", List.of(),
            docs(namespace("platform"), daemonSet("cni"), statefulSet("postgres", 2)))
        .layer("platform", "1.0.0", "apps", "platform", "correct", List.of("platform.network"),
            configMap("app-settings", "", "on"));
    server.publish(layers.addTo(cluster.specs().poolReplicas("general", 1).json("1")));
    agent(server, cluster);

    await().atMost(WAIT).untilAsserted(() -> {
      JsonNode report = server.lastReport();
      assertThat(report.at("/addons/0/state").asString()).as(report.toString()).isEqualTo("Applying");
      assertThat(report.at("/addons/0/message").asString())
          .startsWith("waiting for DaemonSet platform/cni to be ready (").endsWith("(and 1 more)");
      assertThat(report.at("/addons/1/state").asString()).isEqualTo("Pending");
    });
    KubernetesClient client = cluster.client();
    assertThat(client.configMaps().inNamespace("platform").withName("app-settings").get())
        .as("the second layer waits for the DaemonSet and the StatefulSet").isNull();

    awaitAddonsReady(server, "1", 2);
    assertThat(client.configMaps().inNamespace("platform").withName("app-settings").get()).isNotNull();
    // One pod per Node: the machines' Nodes may still be registering, so the count is compared until it settles.
    await().atMost(WAIT).untilAsserted(() -> {
      DaemonSet cni = client.apps().daemonSets().inNamespace("platform").withName("cni").get();
      assertThat(cni.getStatus().getNumberAvailable()).isEqualTo(client.nodes().list().getItems().size())
          .isPositive();
    });
    StatefulSet postgres = client.apps().statefulSets().inNamespace("platform").withName("postgres").get();
    assertThat(postgres.getStatus().getReadyReplicas()).isEqualTo(2);
  }

  @Test
  void aFailingLayerStopsLaterOnesIsRetriedAndRecoversWhenTheSpecFixesIt() {
    WorkloadCluster cluster = closeLater(WorkloadCluster.pivoted(sandbox, "addons-fail", FailureInjection.none()));
    FakeManagementPlane server = managementPlane();
    String unknownKind = "apiVersion: nowhere.example.dev/v1\nkind: Gadget\nmetadata: {name: g}\n";
    AddonLayers broken = new AddonLayers()
        .layer("base", "1.0.0", "first", "base-system", "correct", List.of(), docs(namespace("base-system"),
            unknownKind))
        .layer("base", "1.0.0", "second", "base-system", "correct", List.of(), configMap("after", "", "x"));
    server.publish(broken.addTo(cluster.specs().poolReplicas("general", 1).json("1")));
    agent(server, cluster);

    await().atMost(WAIT).untilAsserted(() -> {
      JsonNode report = server.lastReport();
      assertThat(report.at("/addons/0/state").asString()).as(report.toString()).isEqualTo("Failed");
      assertThat(report.at("/addons/0/message").asString()).contains("the cluster serves no kind Gadget at apiVersion "
          + "nowhere.example.dev/v1 (Gadget base-system/g)");
      assertThat(report.at("/addons/1/state").asString()).isEqualTo("Pending");
      assertThat(report.path("phase").asString()).isEqualTo("Reconciling");
      assertThat(report.path("message").asString()).contains("add-on layer base.first failed");
      // Retried with back-off: a second attempt failed too.
      assertThat(server.events()).extracting(e -> e.path("message").asString())
          .anyMatch(m -> m.startsWith("add-on layer base.first failed (attempt 2)"));
    });
    assertThat(cluster.client().configMaps().inNamespace("base-system").withName("after").get()).isNull();

    // The machines stay managed while the layer fails: the pool scales.
    server.publish(broken.addTo(cluster.specs().poolReplicas("general", 2).json("2")));
    await().atMost(WAIT).untilAsserted(() -> assertThat(server.lastReport().at("/machines/running").asInt())
        .isEqualTo(3));

    AddonLayers fixed = new AddonLayers()
        .layer("base", "1.0.0", "first", "base-system", "correct", List.of(), namespace("base-system"))
        .layer("base", "1.0.0", "second", "base-system", "correct", List.of(), configMap("after", "", "x"));
    server.publish(fixed.addTo(cluster.specs().poolReplicas("general", 2).json("3")));
    awaitAddonsReady(server, "3", 2);
    assertThat(cluster.client().configMaps().inNamespace("base-system").withName("after").get()).isNotNull();
  }

  @Test
  void anUpgradeAddsChangesAndPrunesExactlyTheDifferenceAndNothingUnlabelled() {
    WorkloadCluster cluster = closeLater(WorkloadCluster.pivoted(sandbox, "addons-up", FailureInjection.none()));
    closeLater(DeploymentRuntime.start(sandbox, List.of(), Duration.ofMillis(200)));
    KubernetesClient client = cluster.client();
    client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
        .withName("apps").endMetadata().build()).create();
    // Not Fulcrum's add-ons: one unlabelled, one Fulcrum's but of no add-on layer, one another cluster's layer.
    createConfigMap(client, "hand-made", Map.of());
    createConfigMap(client, "fulcrum-no-layer", Map.of("app.kubernetes.io/managed-by", "fulcrum",
        "fulcrum.dev/cluster", "addons-up", "fulcrum.dev/project", "team-a"));
    createConfigMap(client, "other-cluster", Map.of("app.kubernetes.io/managed-by", "fulcrum",
        "fulcrum.dev/cluster", "elsewhere", "fulcrum.dev/project", "team-a", "fulcrum.dev/addon-layer", "web.app"));
    FakeManagementPlane server = managementPlane();
    TestSpecs machines = cluster.specs().poolReplicas("general", 1);
    server.publish(new AddonLayers()
        .layer("web", "1.0.0", "app", "apps", "correct", List.of(), docs(configMap("settings", "", "v1"),
            configMap("legacy", "", "old"), deployment("web", "", 1)))
        .layer("web", "1.0.0", "extras", "apps-extra", "correct", List.of("web.app"),
            docs(namespace("apps-extra"), configMap("extra", "", "e")))
        .addTo(machines.json("1")));
    agent(server, cluster);
    awaitAddonsReady(server, "1", 2);
    String settingsUid = uid(client, "apps", "settings");
    String webUid = client.apps().deployments().inNamespace("apps").withName("web").get().getMetadata().getUid();

    server.publish(new AddonLayers()
        .layer("web", "1.1.0", "app", "apps", "correct", List.of(), docs(configMap("settings", "", "v2"),
            configMap("added", "", "new"), deployment("web", "", 3)))
        .addTo(machines.json("2")));
    awaitAddonsReady(server, "2", 1);

    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(client.configMaps().inNamespace("apps").withName("legacy").get()).isNull();
      assertThat(client.namespaces().withName("apps-extra").get()).satisfiesAnyOf(
          ns -> assertThat(ns).isNull(), ns -> assertThat(ns.getStatus().getPhase()).isEqualTo("Terminating"));
    });
    assertThat(client.configMaps().inNamespace("apps").withName("settings").get().getData())
        .containsEntry("value", "v2");
    assertThat(uid(client, "apps", "settings")).as("changed in place").isEqualTo(settingsUid);
    assertThat(client.configMaps().inNamespace("apps").withName("added").get()).isNotNull();
    Deployment web = client.apps().deployments().inNamespace("apps").withName("web").get();
    assertThat(web.getSpec().getReplicas()).isEqualTo(3);
    assertThat(web.getMetadata().getUid()).isEqualTo(webUid);
    assertThat(client.configMaps().inNamespace("apps").list().getItems())
        .extracting(c -> c.getMetadata().getName())
        .contains("hand-made", "fulcrum-no-layer", "other-cluster", "settings", "added")
        .doesNotContain("legacy");
    assertThat(server.events()).extracting(e -> e.path("message").asString())
        .contains("ConfigMap apps/legacy deleted: no add-on layer holds it any more",
            "Namespace apps-extra deleted: no add-on layer holds it any more");
    assertThat(server.lastReport().path("addons").findValuesAsString("id")).containsExactly("web.app");
  }

  @Test
  void driftIsCorrectedOrReportedAsEachProfileSays() {
    WorkloadCluster cluster = closeLater(WorkloadCluster.pivoted(sandbox, "addons-drift", FailureInjection.none()));
    FakeManagementPlane server = managementPlane();
    KubernetesClient client = cluster.client();
    server.publish(new AddonLayers()
        .layer("guarded", "1.0.0", "config", "drift", "correct", List.of(), docs(namespace("drift"),
            configMap("guarded", "", "desired")))
        .layer("watched", "1.0.0", "config", "drift", "report", List.of(), configMap("watched", "", "desired"))
        .addTo(cluster.specs().poolReplicas("general", 1).json("1")));
    agent(server, cluster);
    awaitAddonsReady(server, "1", 2);

    editValue(client, "guarded", "by hand");
    await().atMost(WAIT).until(() -> value(client, "guarded").equals("desired"));
    client.configMaps().inNamespace("drift").withName("guarded").delete();
    await().atMost(WAIT).until(() -> client.configMaps().inNamespace("drift").withName("guarded").get() != null);
    await().atMost(WAIT).untilAsserted(() -> assertThat(server.events()).extracting(e -> e.path("message").asString())
        .contains("add-on layer guarded.config: ConfigMap drift/guarded was changed by hand; applied again",
            "add-on layer guarded.config: ConfigMap drift/guarded was deleted by hand; applied again"));

    editValue(client, "watched", "by hand");
    await().atMost(WAIT).untilAsserted(() -> {
      JsonNode report = server.lastReport();
      assertThat(report.at("/addons/1/state").asString()).as(report.toString()).isEqualTo("Drifted");
      assertThat(report.at("/addons/1/message").asString())
          .isEqualTo("drift (reported, not corrected): ConfigMap drift/watched was changed");
      assertThat(report.at("/addons/0/state").asString()).isEqualTo("Ready");
      assertThat(report.path("message").asString()).endsWith("drift reported in add-on layer(s) watched.config");
    });
    assertThat(AgentReconcileTest.reasons(server)).contains("DriftDetected");
    assertThat(value(client, "watched")).as("reported, not corrected").isEqualTo("by hand");
  }

  private static void awaitAddonsReady(FakeManagementPlane server, String version, int layers) {
    await().atMost(WAIT).untilAsserted(() -> {
      JsonNode report = server.lastReport();
      assertThat(report.path("observedVersion").asString()).as(report.toString()).isEqualTo(version);
      assertThat(report.path("phase").asString()).as(report.toString()).isEqualTo("Ready");
      assertThat(report.path("addons").findValuesAsString("state")).hasSize(layers).containsOnly("Ready");
    });
  }

  private static void createConfigMap(KubernetesClient client, String name, Map<String, String> labels) {
    client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("apps")
        .withLabels(labels).endMetadata().withData(Map.of("value", "mine")).build()).create();
  }

  private static String uid(KubernetesClient client, String namespace, String name) {
    return client.configMaps().inNamespace(namespace).withName(name).get().getMetadata().getUid();
  }

  private static void editValue(KubernetesClient client, String name, String value) {
    client.configMaps().inNamespace("drift").withName(name).edit(c -> {
      c.getData().put("value", value);
      return c;
    });
  }

  private static String value(KubernetesClient client, String name) {
    ConfigMap map = client.configMaps().inNamespace("drift").withName(name).get();
    return map == null ? "" : map.getData().get("value");
  }

  @Override
  Agent agent(FakeManagementPlane server, WorkloadCluster cluster) {
    return closeLater(Agent.start(config(server.url(), cluster.specs().clusterName()).withAddonTimings(QUICK),
        cluster.client()));
  }
}
