package dev.fulcrum.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.core.kube.KubeClients;
import dev.fulcrum.core.kube.KubeTrees;
import dev.fulcrum.core.yaml.Mappers;
import dev.fulcrum.testkit.CrdSchemas;
import dev.fulcrum.testkit.JsonSubset;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The Docker example end to end, as a user runs it: {@code fulcrum server} on the sandbox, {@code fulcrum cluster
 * apply} and {@code watch} through all five steps (the pivot moves the cluster's objects into the cluster, its agent
 * scales it out to 3 control-plane and 2 worker machines), then day-2 changes from the CLI carried out by the agent,
 * and deletion. The tests share one cluster and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DockerExampleTest {
  private static final String NAMESPACE = "team-a--dev-1";
  private static final String CAPI = "cluster.x-k8s.io/v1beta2";

  @TempDir static Path dataDir;

  private static RunningServer server;
  private static KubernetesClient management;
  private static KubernetesClient workload;

  @BeforeAll
  static void start() {
    // With the upstream CRDs at hand, the sandbox checks every object against the real schemas.
    String[] crds =
        CrdSchemas.configuredDirectory().filter(Files::isDirectory).map(dir -> new String[] {"--sandbox-crds", dir.toString()})
            .orElse(new String[0]);
    server = RunningServer.start(dataDir, crds);
    management = KubeClients.fromKubeconfig(dataDir.resolve("sandbox.kubeconfig"));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable resource : new AutoCloseable[] {workload, management, server}) {
      try {
        if (resource != null) {
          resource.close();
        }
      } catch (Exception e) {
        // closing what is left of a failed run
      }
    }
  }

  @Test
  @Order(1)
  void theRequestGoesThroughAllFiveStepsAndTheWatchShowsEach() {
    Fulcrum.Run apply = server.cli("cluster", "apply", "-f", Fulcrum.example("docker.yaml").toString());
    assertThat(apply.err()).isEmpty();
    assertThat(apply.out()).isEqualTo("cluster dev-1 created in project team-a\n");

    Fulcrum.Run watch = watch();

    assertThat(watch.out().lines())
        .anyMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d  1/6 Accept +Done +Valid: provider docker, .*"))
        .anyMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d  2/6 RenderAndApply +Done +Applied: applied 4 objects .*"))
        .anyMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d  3/6 FirstControlPlane +Done +ControlPlaneReady: Machine .* is Running .*"))
        .anyMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d  4/6 Pivot +InProgress +InstallingComponents: .*"))
        .anyMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d  4/6 Pivot +Done +Moved: .*"))
        .anyMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d  5/6 ScaleOut +Done +AllMachinesRunning: .*\\(5/5 Machines Running, 5/5 Nodes Ready\\)"))
        .anyMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d  6/6 AddOns +Done +AllLayersReady: 3/3 layers ready: cni.network Ready;"
            + " observability.namespace Ready; observability.metrics Ready"));
    assertThat(watch.out()).endsWith("Cluster dev-1 in project team-a: all 6 steps done (phase Running).\n");

    JsonNode steps = json(server.http("GET", "/api/v1/projects/team-a/clusters/dev-1/steps", null, null).body());
    assertThat(steps.get("phase").asString()).isEqualTo("Running");
    List<String> events = new ArrayList<>();
    json(server.http("GET", "/api/v1/projects/team-a/clusters/dev-1/events", null, null).body())
        .get("items").forEach(event -> events.add(event.get("reason").asString()));
    assertThat(events).startsWith("Valid", "Applied").contains("ControlPlaneReady", "Moved", "AllMachinesRunning", "AllLayersReady");
    assertThat(server.cli("cluster", "list").out()).contains("team-a    dev-1   docker     v1.33.4   AddOns   Running");
  }

  @Test
  @Order(2)
  void afterThePivotTheClusterHoldsItsObjectsAndTheManagementClusterNone() throws IOException {
    String kubeconfig = server.cli("sandbox", "kubeconfig", "--cluster", "dev-1", "-n", "team-a").out();
    Files.writeString(dataDir.resolve("dev-1.kubeconfig"), kubeconfig);
    workload = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();

    List<JsonNode> rendered =
        Fulcrum.run("render", "-f", Fulcrum.example("docker.yaml").toString(), "--stage", "full", "--plugins-dir",
                Fulcrum.PLUGINS.toString())
            .documents();
    for (JsonNode object : rendered) {
      String apiVersion = object.get("apiVersion").asString();
      String kind = object.get("kind").asString();
      GenericKubernetesResource live =
          workload.genericKubernetesResources(apiVersion, kind).inNamespace(NAMESPACE).withName(object.at("/metadata/name").asString()).get();
      assertThat(live).as(describe(object)).isNotNull();
      assertThat(JsonSubset.differences(object, KubeTrees.tree(live))).as(describe(object)).isEmpty();
      assertThat(management.genericKubernetesResources(apiVersion, kind).inNamespace(NAMESPACE).list().getItems())
          .as("%s objects left in the management cluster", kind)
          .isEmpty();
    }
    assertThat(management.genericKubernetesResources(CAPI, "Machine").inNamespace(NAMESPACE).list().getItems()).isEmpty();
    assertThat(management.secrets().inNamespace(NAMESPACE).list().getItems()).isEmpty();

    assertThat(workload.genericKubernetesResources("controlplane.cluster.x-k8s.io/v1beta2", "KubeadmControlPlane")
            .inNamespace(NAMESPACE).withName("dev-1-control-plane").get().<Integer>get("spec", "replicas"))
        .isEqualTo(3);
    assertThat(machines()).hasSize(5).allMatch(machine -> "Running".equals(machine.at("/status/phase").asString()));
    assertThat(workload.nodes().list().getItems()).hasSize(5);
    assertThat(workload.apps().deployments().inNamespace("fulcrum-system").withName("fulcrum-agent").get()).isNotNull();
  }

  @Test
  @Order(3)
  void theProfilesLayersAreInstalledInTheClusterWithTheClustersVariables() {
    // observability: a manifests layer (the namespace), then a local Helm chart rendered with the cluster's variables.
    assertThat(workload.namespaces().withName("monitoring").get()).isNotNull();
    var metrics = workload.apps().deployments().inNamespace("monitoring").withName("metrics").get();
    assertThat(metrics).isNotNull();
    assertThat(metrics.getSpec().getReplicas()).isEqualTo(2);
    assertThat(metrics.getMetadata().getLabels())
        .containsEntry("fulcrum.dev/addon-layer", "observability.metrics")
        .containsEntry("app.kubernetes.io/managed-by", "fulcrum");
    assertThat(workload.configMaps().inNamespace("monitoring").list().getItems().toString()).contains("dev-1");
    // cni: a manifests layer in kube-system.
    assertThat(workload.apps().deployments().inNamespace("kube-system").withName("fulcrum-cni").get()).isNotNull();
    JsonNode cluster = json(server.http("GET", "/api/v1/projects/team-a/clusters/dev-1", null, null).body());
    assertThat(cluster.at("/status/agent/addons").findValuesAsString("state")).containsOnly("Ready").hasSize(3);
  }

  @Test
  @Order(4)
  void aProfileUpgradeAddsChangesAndPrunesExactlyWhatDiffersAndDriftIsCorrectedOrReported() throws IOException {
    assertThat(server.cli("profile", "apply", "-f", extras("1.0.0", "correct", Map.of("keep", "1", "drop", "1")).toString()).exitCode())
        .isZero();
    applyExampleWith("extras", "1.0.0");
    watch();
    String keepUid = configMap("keep").getMetadata().getUid();
    String metricsUid = workload.apps().deployments().inNamespace("monitoring").withName("metrics").get().getMetadata().getUid();
    assertThat(configMap("drop")).isNotNull();

    assertThat(server.cli("profile", "apply", "-f", extras("1.1.0", "report", Map.of("keep", "2", "add", "1")).toString()).exitCode())
        .isZero();
    applyExampleWith("extras", "1.1.0");
    watch();
    await().atMost(Duration.ofMinutes(1)).until(() -> configMap("drop") == null);
    assertThat(configMap("keep").getData()).containsEntry("value", "2");
    assertThat(configMap("keep").getMetadata().getUid()).isEqualTo(keepUid);
    assertThat(configMap("add")).isNotNull();
    assertThat(workload.apps().deployments().inNamespace("monitoring").withName("metrics").get().getMetadata().getUid())
        .as("other profiles' objects are untouched").isEqualTo(metricsUid);

    // observability corrects drift: a deleted object comes back.
    workload.services().inNamespace("monitoring").withName("metrics").delete();
    await().atMost(Duration.ofMinutes(2)).until(() -> workload.services().inNamespace("monitoring").withName("metrics").get() != null);
    // extras 1.1.0 reports drift instead: the hand edit stays, and the layer says so.
    workload.configMaps().inNamespace("extras").withName("keep").edit(map -> {
      map.getData().put("value", "edited by hand");
      return map;
    });
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> json(server.http("GET", "/api/v1/projects/team-a/clusters/dev-1", null, null).body())
            .at("/status/agent/addons").toString().contains("Drifted"));
    assertThat(configMap("keep").getData()).containsEntry("value", "edited by hand");
  }

  @Test
  @Order(5)
  void theBootstrapCloudConfigHoldsTheRequestsSshKey() throws IOException {
    String key = Mappers.yaml().readTree(Fulcrum.example("docker.yaml").toFile()).at("/spec/sshAuthorizedKeys/0").asString();
    GenericKubernetesResource machine =
        workload.genericKubernetesResources(CAPI, "Machine").inNamespace(NAMESPACE).withLabel("cluster.x-k8s.io/control-plane")
            .list().getItems().get(0);
    String secretName = machine.<String>get("spec", "bootstrap", "dataSecretName");

    Secret bootstrap = workload.secrets().inNamespace(NAMESPACE).withName(secretName).get();

    String cloudConfig = new String(Base64.getDecoder().decode(bootstrap.getData().get("value")), StandardCharsets.UTF_8);
    assertThat(cloudConfig).startsWith("## template: jinja\n#cloud-config").contains(key);
  }

  @Test
  @Order(6)
  void kubectlWithTheClustersKubeconfigListsItsClusterApiObjects() throws Exception {
    Path kubectl = Kubectl.findOrSkip();
    Process process =
        new ProcessBuilder(
                kubectl.toString(), "--kubeconfig", dataDir.resolve("dev-1.kubeconfig").toString(), "get",
                "clusters.cluster.x-k8s.io,kubeadmcontrolplanes.controlplane.cluster.x-k8s.io,machinedeployments.cluster.x-k8s.io,"
                    + "machines.cluster.x-k8s.io",
                "-A", "-o", "name")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("cluster.cluster.x-k8s.io/dev-1")
        .contains("kubeadmcontrolplane.controlplane.cluster.x-k8s.io/dev-1-control-plane")
        .contains("machinedeployment.cluster.x-k8s.io/dev-1-general")
        .contains("machine.cluster.x-k8s.io/dev-1-control-plane-");
  }

  @Test
  @Order(7)
  void aPoolScalesUpAndDownFromTheCli() {
    assertThat(server.cli("cluster", "scale", "dev-1", "-n", "team-a", "--pool", "general", "--replicas", "3").out())
        .startsWith("cluster dev-1 in project team-a: pool general: 3 replicas");
    watch();
    assertThat(machines()).hasSize(6);

    server.cli("cluster", "scale", "dev-1", "-n", "team-a", "--pool", "general", "--replicas", "1");
    watch();
    await().atMost(Duration.ofMinutes(1)).until(() -> machines().size() == 4);
    assertThat(server.cli("cluster", "scale", "dev-1", "-n", "team-a", "--control-plane", "--replicas", "2").err())
        .contains("spec.controlPlane.replicas");
  }

  @Test
  @Order(8)
  void anUpgradeTwoMinorsAheadGoesOneMinorAtATime() {
    server.cli("cluster", "upgrade", "dev-1", "-n", "team-a", "--version", "v1.35.1");

    Fulcrum.Run watch = watch();

    String out = watch.out();
    assertThat(out).contains("v1.34.0");
    assertThat(out.indexOf("v1.34.0")).isLessThan(out.lastIndexOf("v1.35.1"));
    assertThat(machines()).allMatch(machine -> "v1.35.1".equals(machine.at("/spec/version").asString()));
    JsonNode cluster = json(server.http("GET", "/api/v1/projects/team-a/clusters/dev-1", null, null).body());
    assertThat(cluster.at("/status/kubernetesVersion").asString()).isEqualTo("v1.35.1");
  }

  @Test
  @Order(9)
  void rotatingCertificatesReplacesEveryControlPlaneMachine() {
    Set<String> before = controlPlaneMachineNames();

    assertThat(server.cli("cluster", "rotate-certs", "dev-1", "-n", "team-a").out())
        .contains("control-plane machines created before");
    watch();

    await().atMost(Duration.ofMinutes(2)).until(() -> controlPlaneMachineNames().size() == 3);
    assertThat(controlPlaneMachineNames()).doesNotContainAnyElementsOf(before);
  }

  @Test
  @Order(10)
  void deletionMovesTheObjectsBackTearsTheClusterDownAndTheWorkloadClusterGoesLast() {
    Fulcrum.Run delete = server.cli("cluster", "delete", "dev-1", "-n", "team-a");
    assertThat(delete.out()).isEqualTo("cluster dev-1 in project team-a is being deleted\n");

    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> server.http("GET", "/api/v1/projects/team-a/clusters/dev-1", null, null).statusCode() == 404);
    assertThat(management.namespaces().withName(NAMESPACE).get()).satisfiesAnyOf(
        namespace -> assertThat(namespace).isNull(),
        namespace -> assertThat(namespace.getMetadata().getDeletionTimestamp()).isNotNull());
    assertThat(management.genericKubernetesResources(CAPI, "Machine").inNamespace(NAMESPACE).list().getItems()).isEmpty();
    // The cluster's own API is gone with it.
    assertThatThrownBy(() -> workload.nodes().list()).isInstanceOf(KubernetesClientException.class);
  }

  /** A small profile of ConfigMaps in namespace {@code extras}, one per entry, each with {@code value}. */
  private static Path extras(String version, String drift, Map<String, String> configMaps) throws IOException {
    StringBuilder manifests = new StringBuilder("        apiVersion: v1\n        kind: Namespace\n        metadata: {name: extras}\n");
    new TreeMap<>(configMaps).forEach((name, value) -> manifests.append("        ---\n        apiVersion: v1\n        kind: ConfigMap\n")
        .append("        metadata: {name: ").append(name).append("}\n        data: {value: \"").append(value).append("\"}\n"));
    String profile =
        "apiVersion: fulcrum.dev/v1alpha1\nkind: ClusterProfile\nmetadata: {name: extras}\nspec:\n  version: " + version
            + "\n  drift: " + drift + "\n  layers:\n    - name: settings\n      type: manifests\n      namespace: extras\n"
            + "      manifests: |\n" + manifests;
    return Files.writeString(dataDir.resolve("extras-" + version + ".yaml"), profile);
  }

  /** The example, using one more profile. */
  private static void applyExampleWith(String profile, String version) throws IOException {
    String example = Files.readString(Fulcrum.example("docker.yaml"));
    String observability = "    - {name: observability, version: 1.0.0}\n";
    assertThat(example).contains(observability);
    Path file =
        Files.writeString(
            dataDir.resolve("dev-1-" + profile + "-" + version + ".yaml"),
            example.replace(observability, observability + "    - {name: " + profile + ", version: " + version + "}\n"));
    Fulcrum.Run apply = server.cli("cluster", "apply", "-f", file.toString());
    assertThat(apply.exitCode()).as(apply.err()).isZero();
  }

  private static ConfigMap configMap(String name) {
    return workload.configMaps().inNamespace("extras").withName(name).get();
  }

  private static Fulcrum.Run watch() {
    Fulcrum.Run watch = server.cli("cluster", "watch", "dev-1", "-n", "team-a", "--timeout", "PT5M");
    assertThat(watch.exitCode()).as(watch.out() + watch.err()).isZero();
    return watch;
  }

  private static List<JsonNode> machines() {
    return workload.genericKubernetesResources(CAPI, "Machine").inNamespace(NAMESPACE).list().getItems().stream()
        .map(KubeTrees::tree).map(JsonNode.class::cast).toList();
  }

  private static Set<String> controlPlaneMachineNames() {
    return workload.genericKubernetesResources(CAPI, "Machine").inNamespace(NAMESPACE).withLabel("cluster.x-k8s.io/control-plane")
        .list().getItems().stream().map(machine -> machine.getMetadata().getName()).collect(Collectors.toCollection(TreeSet::new));
  }

  private static JsonNode json(String body) {
    return Mappers.json().readTree(body);
  }

  private static String describe(JsonNode object) {
    return object.get("kind").asString() + " " + object.at("/metadata/name").asString();
  }
}
