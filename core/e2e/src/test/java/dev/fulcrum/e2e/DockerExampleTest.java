package dev.fulcrum.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.core.kube.KubeClients;
import dev.fulcrum.core.kube.KubeTrees;
import dev.fulcrum.core.yaml.Mappers;
import dev.fulcrum.testkit.CrdSchemas;
import dev.fulcrum.testkit.JsonSubset;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The Docker example end to end, as a user runs it: {@code fulcrum server} on the sandbox (with the
 * Cluster API simulator), {@code fulcrum cluster apply} and {@code watch} through the REST API, then a
 * look at what the management cluster holds. The tests share one cluster and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DockerExampleTest {
  private static final String NAMESPACE = "team-a--dev-1";

  @TempDir static Path dataDir;

  private static RunningServer server;
  private static KubernetesClient management;

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
    if (management != null) {
      management.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void theRequestReachesTheFirstControlPlaneAndTheWatchShowsEveryStep() {
    Fulcrum.Run apply = server.cli("cluster", "apply", "-f", Fulcrum.example("docker.yaml").toString());
    assertThat(apply.err()).isEmpty();
    assertThat(apply.out()).isEqualTo("cluster dev-1 created in project team-a\n");

    Fulcrum.Run watch = server.cli("cluster", "watch", "dev-1", "-n", "team-a", "--timeout", "PT4M");

    assertThat(watch.exitCode()).as(watch.out() + watch.err()).isZero();
    assertThat(watch.out().lines())
        .anyMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d  1/3 Accept +Done +Valid: provider docker, .*"))
        .anyMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d  2/3 RenderAndApply +Done +Applied: applied 4 objects .*"))
        .anyMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d  3/3 FirstControlPlane +Done +ControlPlaneReady: Machine .* is Running .*"));
    assertThat(watch.out()).endsWith("Cluster dev-1 in project team-a: all 3 steps done (phase Provisioned).\n");

    JsonNode steps = json(server.http("GET", "/api/v1/projects/team-a/clusters/dev-1/steps", null, null).body());
    assertThat(steps.get("phase").asString()).isEqualTo("Provisioned");
    List<String> events = new ArrayList<>();
    json(server.http("GET", "/api/v1/projects/team-a/clusters/dev-1/events", null, null).body())
        .get("items").forEach(event -> events.add(event.get("reason").asString()));
    assertThat(events).startsWith("Valid", "Applied").endsWith("ControlPlaneReady").doesNotHaveDuplicates();
    assertThat(server.cli("cluster", "list").out()).contains("team-a    dev-1   docker     v1.33.4   FirstControlPlane   Provisioned");
  }

  @Test
  @Order(2)
  void theManagementClusterHoldsExactlyWhatRenderPrints() {
    Fulcrum.Run render =
        Fulcrum.run("render", "-f", Fulcrum.example("docker.yaml").toString(), "--stage", "initial", "--plugins-dir", Fulcrum.PLUGINS.toString());
    List<JsonNode> rendered = render.documents();

    Map<String, Integer> renderedKinds = new TreeMap<>();
    for (JsonNode object : rendered) {
      GenericKubernetesResource live =
          management.genericKubernetesResources(object.get("apiVersion").asString(), object.get("kind").asString())
              .inNamespace(NAMESPACE)
              .withName(object.at("/metadata/name").asString())
              .get();
      assertThat(live).as(describe(object)).isNotNull();
      assertThat(JsonSubset.differences(object, KubeTrees.tree(live))).as(describe(object)).isEmpty();
      renderedKinds.merge(object.get("apiVersion").asString() + " " + object.get("kind").asString(), 1, Integer::sum);
    }
    renderedKinds.forEach(
        (type, count) -> {
          String[] apiVersionAndKind = type.split(" ");
          assertThat(
                  management.genericKubernetesResources(apiVersionAndKind[0], apiVersionAndKind[1])
                      .inNamespace(NAMESPACE)
                      .withLabel("app.kubernetes.io/managed-by", "fulcrum")
                      .list()
                      .getItems())
              .as("%s objects Fulcrum manages", type)
              .hasSize(count);
        });
  }

  @Test
  @Order(3)
  void theFirstNodesBootstrapCloudConfigHoldsTheRequestsSshKey() throws IOException {
    String key = Mappers.yaml().readTree(Fulcrum.example("docker.yaml").toFile()).at("/spec/sshAuthorizedKeys/0").asString();
    GenericKubernetesResource machine =
        management.genericKubernetesResources("cluster.x-k8s.io/v1beta2", "Machine")
            .inNamespace(NAMESPACE)
            .withLabel("cluster.x-k8s.io/control-plane")
            .list()
            .getItems()
            .get(0);
    String secretName = machine.<String>get("spec", "bootstrap", "dataSecretName");

    Secret bootstrap = management.secrets().inNamespace(NAMESPACE).withName(secretName).get();

    String cloudConfig = new String(Base64.getDecoder().decode(bootstrap.getData().get("value")), StandardCharsets.UTF_8);
    assertThat(cloudConfig).startsWith("## template: jinja\n#cloud-config").contains(key);
  }

  @Test
  @Order(4)
  void kubeconfigsLetClientsSeeTheManagementAndTheWorkloadCluster() throws Exception {
    String workloadKubeconfig = server.cli("sandbox", "kubeconfig", "--cluster", "dev-1", "-n", "team-a").out();
    try (KubernetesClient workload = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(workloadKubeconfig)).build()) {
      assertThat(workload.nodes().list().getItems()).extracting(node -> node.getMetadata().getName()).hasSize(1);
    }
    assertThat(server.cli("sandbox", "kubeconfig").out()).isEqualTo(Files.readString(dataDir.resolve("sandbox.kubeconfig")));
  }

  @Test
  @Order(5)
  void kubectlWithTheSandboxKubeconfigListsTheClusterApiObjects() throws Exception {
    Path kubectl = Kubectl.findOrSkip();
    Process process =
        new ProcessBuilder(
                kubectl.toString(), "--kubeconfig", dataDir.resolve("sandbox.kubeconfig").toString(), "get",
                "clusters.cluster.x-k8s.io,kubeadmcontrolplanes.controlplane.cluster.x-k8s.io,machines.cluster.x-k8s.io",
                "-A", "-o", "name")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("cluster.cluster.x-k8s.io/dev-1")
        .contains("kubeadmcontrolplane.controlplane.cluster.x-k8s.io/dev-1-control-plane")
        .contains("machine.cluster.x-k8s.io/dev-1-control-plane-");
  }

  @Test
  @Order(6)
  void deletingTheClusterRemovesItAndItsNamespace() {
    Fulcrum.Run delete = server.cli("cluster", "delete", "dev-1", "-n", "team-a");
    assertThat(delete.out()).isEqualTo("cluster dev-1 in project team-a is being deleted\n");

    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> server.http("GET", "/api/v1/projects/team-a/clusters/dev-1", null, null).statusCode() == 404);
    await().atMost(Duration.ofMinutes(1)).until(() -> management.namespaces().withName(NAMESPACE).get() == null);
  }

  private static JsonNode json(String body) {
    return Mappers.json().readTree(body);
  }

  private static String describe(JsonNode object) {
    return object.get("kind").asString() + " " + object.at("/metadata/name").asString();
  }
}
