package dev.fulcrum.sandbox.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.sandbox.SandboxOptions;
import dev.fulcrum.sandbox.SandboxServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's kubelet through the Kubernetes API: Deployments, StatefulSets and DaemonSets roll out, in-process
 * images run with their env.
 */
class DeploymentRuntimeTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String AGENT_IMAGE = "ghcr.io/fulcrum-dev/fulcrum-agent:0.1.0";

  private SandboxServer sandbox;
  private DeploymentRuntime runtime;
  private final RecordingImage agent = new RecordingImage();

  @BeforeEach
  void start() {
    sandbox = SandboxServer.start(SandboxOptions.defaults());
    runtime = DeploymentRuntime.start(sandbox, List.of(agent), Duration.ofMillis(50));
  }

  @AfterEach
  void stop() {
    runtime.close();
    sandbox.close();
  }

  @Test
  void deploymentsOfAnyImageAreReportedRolledOut() {
    sandbox.createCluster("wc-plain");
    try (KubernetesClient client = client("wc-plain")) {
      client.apps().deployments().inNamespace("default").resource(deployment("web", "nginx:1.27", 3)).create();

      await().atMost(WAIT).untilAsserted(() -> {
        Deployment web = client.apps().deployments().inNamespace("default").withName("web").get();
        assertThat(web.getStatus()).isNotNull();
        assertThat(web.getStatus().getObservedGeneration()).isEqualTo(web.getMetadata().getGeneration());
        assertThat(web.getStatus().getReplicas()).isEqualTo(3);
        assertThat(web.getStatus().getUpdatedReplicas()).isEqualTo(3);
        assertThat(web.getStatus().getReadyReplicas()).isEqualTo(3);
        assertThat(web.getStatus().getAvailableReplicas()).isEqualTo(3);
        assertThat(condition(web, "Available").getStatus()).isEqualTo("True");
        assertThat(condition(web, "Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");
      });
    }
    assertThat(agent.events).isEmpty();
  }

  @Test
  void statefulSetsRollOutAfterTheDelayScaleToZeroAndGetANewRevisionWithANewTemplate() {
    sandbox.createCluster("wc-sts");
    try (KubernetesClient client = client("wc-sts")) {
      client.apps().statefulSets().inNamespace("default").resource(statefulSet("db", AGENT_IMAGE, 3)).create();

      StatefulSetStatus first = awaitStatefulSet(client, 3);
      assertThat(first.getCurrentReplicas()).isEqualTo(3);
      assertThat(first.getUpdatedReplicas()).isEqualTo(3);
      assertThat(first.getAvailableReplicas()).isEqualTo(3);
      assertThat(first.getUpdateRevision()).startsWith("db-").isEqualTo(first.getCurrentRevision());

      client.apps().statefulSets().inNamespace("default").withName("db").scale(0);
      StatefulSetStatus scaledDown = awaitStatefulSet(client, 0);
      assertThat(scaledDown.getReadyReplicas()).isZero();
      assertThat(scaledDown.getUpdateRevision()).as("same template, same revision")
          .isEqualTo(first.getUpdateRevision());

      client.apps().statefulSets().inNamespace("default").withName("db").edit(s -> new StatefulSetBuilder(s)
          .editSpec().withReplicas(2).editTemplate().editSpec().editFirstContainer().withImage("postgres:17")
          .endContainer().endSpec().endTemplate().endSpec().build());
      StatefulSetStatus updated = awaitStatefulSet(client, 2);
      assertThat(updated.getUpdateRevision()).startsWith("db-").isNotEqualTo(first.getUpdateRevision())
          .isEqualTo(updated.getCurrentRevision());
    }
    // StatefulSets get a status only: no in-process program runs for them.
    assertThat(agent.events).isEmpty();
  }

  @Test
  void aDaemonSetRunsOnEveryNodeOfItsClusterAsNodesComeAndGo() {
    sandbox.createCluster("wc-ds");
    try (KubernetesClient client = client("wc-ds")) {
      createNode(client, "node-1");
      createNode(client, "node-2");
      client.apps().daemonSets().inNamespace("kube-system").resource(daemonSet("cni", "cni:1.0")).create();
      awaitDaemonSet(client, 2);

      createNode(client, "node-3");
      awaitDaemonSet(client, 3);
      client.nodes().withName("node-1").delete();
      awaitDaemonSet(client, 2);
    }
  }

  @Test
  void inProcessImageRunsWithItsResolvedEnvironmentAndRestartsOnlyOnTemplateChanges() {
    sandbox.createCluster("wc-agent");
    try (KubernetesClient client = client("wc-agent")) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("fulcrum-system").endMetadata()
          .build()).create();
      client.secrets().inNamespace("fulcrum-system").resource(secret("token-1")).create();
      client.configMaps().inNamespace("fulcrum-system").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
          .withNewMetadata().withName("settings").endMetadata().withData(Map.of("level", "debug")).build()).create();
      Deployment agentDeployment = new DeploymentBuilder(deployment("fulcrum-agent", AGENT_IMAGE, 1))
          .editSpec().editTemplate().editSpec().editFirstContainer()
          .addNewEnvFrom().withNewSecretRef().withName("fulcrum-agent").endSecretRef().endEnvFrom()
          .addNewEnvFrom().withPrefix("CFG_").withNewConfigMapRef().withName("settings").endConfigMapRef().endEnvFrom()
          .addNewEnv().withName("MODE").withValue("agent").endEnv()
          .addNewEnv().withName("TOKEN_AGAIN").withNewValueFrom().withNewSecretKeyRef("FULCRUM_AGENT_TOKEN",
              "fulcrum-agent", false).endValueFrom().endEnv()
          .addNewEnv().withName("POD_NAMESPACE").withNewValueFrom().withNewFieldRef().withFieldPath(
              "metadata.namespace").endFieldRef().endValueFrom().endEnv()
          .endContainer().endSpec().endTemplate().endSpec().build();
      client.apps().deployments().inNamespace("fulcrum-system").resource(agentDeployment).create();

      await().atMost(WAIT).until(() -> agent.starts().size() == 1);
      ContainerContext started = agent.starts().get(0);
      assertThat(started.apiName()).isEqualTo("wc-agent");
      assertThat(started.apiUrl()).isEqualTo(sandbox.clusterUrl("wc-agent"));
      assertThat(started.namespace()).isEqualTo("fulcrum-system");
      assertThat(started.deploymentName()).isEqualTo("fulcrum-agent");
      assertThat(started.env()).containsEntry("FULCRUM_SERVER_URL", "http://fulcrum.example:8080")
          .containsEntry("FULCRUM_AGENT_TOKEN", "token-1").containsEntry("FULCRUM_CLUSTER", "team-a/dev-1")
          .containsEntry("CFG_level", "debug").containsEntry("MODE", "agent").containsEntry("TOKEN_AGAIN", "token-1")
          .containsEntry("POD_NAMESPACE", "fulcrum-system");
      assertThat(started.toString()).doesNotContain("token-1");
      await().atMost(WAIT).untilAsserted(() -> assertThat(condition(client.apps().deployments()
          .inNamespace("fulcrum-system").withName("fulcrum-agent").get(), "Available").getStatus()).isEqualTo("True"));

      // As with a real kubelet, a changed Secret reaches the container only when the pod template changes.
      client.secrets().inNamespace("fulcrum-system").resource(secret("token-2")).update();
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> agent.events.size() == 1);
      client.apps().deployments().inNamespace("fulcrum-system").withName("fulcrum-agent").edit(d ->
          new DeploymentBuilder(d).editSpec().editTemplate().editOrNewMetadata()
              .addToAnnotations("kubectl.kubernetes.io/restartedAt", "2025-01-01T00:00:00Z").endMetadata()
              .endTemplate().endSpec().build());
      await().atMost(WAIT).until(() -> agent.starts().size() == 2);
      assertThat(agent.events).containsExactly("start", "stop", "start");
      assertThat(agent.starts().get(1).env()).containsEntry("FULCRUM_AGENT_TOKEN", "token-2");

      client.apps().deployments().inNamespace("fulcrum-system").withName("fulcrum-agent").scale(0);
      await().atMost(WAIT).until(() -> agent.events.size() == 4);
      client.apps().deployments().inNamespace("fulcrum-system").withName("fulcrum-agent").scale(1);
      await().atMost(WAIT).until(() -> agent.events.size() == 5);
      client.apps().deployments().inNamespace("fulcrum-system").withName("fulcrum-agent").delete();
      await().atMost(WAIT).until(() -> agent.events.size() == 6);
      assertThat(agent.events).containsExactly("start", "stop", "start", "stop", "start", "stop");
    }
  }

  @Test
  void aProgramThatCannotStartIsReportedAndRetriedUntilItsSecretExists() {
    sandbox.createCluster("wc-late");
    try (KubernetesClient client = client("wc-late")) {
      Deployment agentDeployment = new DeploymentBuilder(deployment("fulcrum-agent", AGENT_IMAGE, 1))
          .editSpec().editTemplate().editSpec().editFirstContainer()
          .addNewEnvFrom().withNewSecretRef().withName("fulcrum-agent").endSecretRef().endEnvFrom()
          .endContainer().endSpec().endTemplate().endSpec().build();
      client.apps().deployments().inNamespace("default").resource(agentDeployment).create();

      await().atMost(WAIT).untilAsserted(() -> {
        DeploymentCondition available = condition(client.apps().deployments().inNamespace("default")
            .withName("fulcrum-agent").get(), "Available");
        assertThat(available.getStatus()).isEqualTo("False");
        assertThat(available.getMessage()).contains("secret default/fulcrum-agent not found");
      });
      assertThat(agent.starts()).isEmpty();

      client.secrets().inNamespace("default").resource(secret("token-1")).create();
      await().atMost(WAIT).until(() -> agent.starts().size() == 1);
      await().atMost(WAIT).untilAsserted(() -> assertThat(condition(client.apps().deployments()
          .inNamespace("default").withName("fulcrum-agent").get(), "Available").getStatus()).isEqualTo("True"));
    }
  }

  @Test
  void programsStopWithTheirClusterAndClustersCreatedLaterAreServed() {
    try (KubernetesClient management = client(SandboxServer.MANAGEMENT)) {
      management.apps().deployments().inNamespace("default").resource(deployment("agent", AGENT_IMAGE, 1)).create();
    }
    sandbox.createCluster("wc-later");
    try (KubernetesClient client = client("wc-later")) {
      client.apps().deployments().inNamespace("default").resource(deployment("agent", AGENT_IMAGE, 1)).create();
      await().atMost(WAIT).until(() -> agent.starts().size() == 1);
    }
    // The management cluster is not a workload cluster: nothing runs there.
    assertThat(agent.starts()).extracting(ContainerContext::apiName).containsExactly("wc-later");

    sandbox.deleteCluster("wc-later");
    await().atMost(WAIT).until(() -> agent.events.size() == 2);
    assertThat(agent.events).containsExactly("start", "stop");
  }

  private KubernetesClient client(String cluster) {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(sandbox.clusterUrl(cluster))
        .withOauthToken("sandbox").withNamespace("default").withRequestRetryBackoffLimit(0).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static Deployment deployment(String name, String image, int replicas) {
    Map<String, String> labels = Map.of("app", name);
    return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
        .withReplicas(replicas).withNewSelector().withMatchLabels(labels).endSelector().withNewTemplate()
        .withNewMetadata().withLabels(labels).endMetadata().withNewSpec().addNewContainer().withName(name)
        .withImage(image).endContainer().endSpec().endTemplate().endSpec().build();
  }

  private static StatefulSetStatus awaitStatefulSet(KubernetesClient client, int replicas) {
    return await().atMost(WAIT).until(() -> client.apps().statefulSets().inNamespace("default").withName("db").get(),
        db -> db.getStatus() != null && db.getStatus().getObservedGeneration() == db.getMetadata().getGeneration()
            && db.getStatus().getReplicas() == replicas && db.getStatus().getReadyReplicas() == replicas)
        .getStatus();
  }

  private static void awaitDaemonSet(KubernetesClient client, int nodes) {
    await().atMost(WAIT).untilAsserted(() -> {
      DaemonSet cni = client.apps().daemonSets().inNamespace("kube-system").withName("cni").get();
      assertThat(cni.getStatus()).isNotNull();
      assertThat(cni.getStatus().getObservedGeneration()).isEqualTo(cni.getMetadata().getGeneration());
      assertThat(List.of(cni.getStatus().getDesiredNumberScheduled(), cni.getStatus().getCurrentNumberScheduled(),
          cni.getStatus().getNumberReady(), cni.getStatus().getNumberAvailable(),
          cni.getStatus().getUpdatedNumberScheduled())).containsOnly(nodes);
      assertThat(cni.getStatus().getNumberMisscheduled()).isZero();
    });
  }

  private static void createNode(KubernetesClient client, String name) {
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
  }

  private static StatefulSet statefulSet(String name, String image, int replicas) {
    Deployment shape = deployment(name, image, replicas);
    return new StatefulSetBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
        .withServiceName(name).withReplicas(replicas).withSelector(shape.getSpec().getSelector())
        .withTemplate(shape.getSpec().getTemplate()).endSpec().build();
  }

  private static DaemonSet daemonSet(String name, String image) {
    Deployment shape = deployment(name, image, 1);
    return new DaemonSetBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
        .withSelector(shape.getSpec().getSelector()).withTemplate(shape.getSpec().getTemplate()).endSpec().build();
  }

  private static io.fabric8.kubernetes.api.model.Secret secret(String token) {
    return new SecretBuilder().withNewMetadata().withName("fulcrum-agent").endMetadata()
        .addToStringData("FULCRUM_SERVER_URL", "http://fulcrum.example:8080")
        .addToStringData("FULCRUM_AGENT_TOKEN", token).addToStringData("FULCRUM_CLUSTER", "team-a/dev-1").build();
  }

  private static DeploymentCondition condition(Deployment deployment, String type) {
    assertThat(deployment.getStatus()).as("status of %s", deployment.getMetadata().getName()).isNotNull();
    return deployment.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
        .orElseThrow(() -> new AssertionError("no condition " + type));
  }

  /** The agent image, recording what it was started with and when it stops. */
  private static final class RecordingImage implements InProcessImage {
    final List<String> events = new CopyOnWriteArrayList<>();
    private final List<ContainerContext> contexts = new CopyOnWriteArrayList<>();

    @Override
    public boolean runs(String image) {
      return image.startsWith("ghcr.io/fulcrum-dev/fulcrum-agent:");
    }

    @Override
    public AutoCloseable start(ContainerContext container) {
      contexts.add(container);
      events.add("start");
      return () -> events.add("stop");
    }

    List<ContainerContext> starts() {
      return contexts;
    }
  }
}
