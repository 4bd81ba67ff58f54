package dev.fulcrum.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.cluster.ClusterStatus;
import dev.fulcrum.core.cluster.Condition;
import dev.fulcrum.core.cluster.Phase;
import dev.fulcrum.core.cluster.WorkloadClusters;
import dev.fulcrum.core.kube.KubeTrees;
import dev.fulcrum.core.render.ClusterRenderer;
import dev.fulcrum.core.render.KubeObject;
import dev.fulcrum.core.render.RegistryOf;
import dev.fulcrum.core.render.Stage;
import dev.fulcrum.core.render.TestProvider;
import dev.fulcrum.core.request.InvalidRequestException;
import dev.fulcrum.core.request.RequestReader;
import dev.fulcrum.core.steps.ClusterExistsException;
import dev.fulcrum.core.yaml.Mappers;
import dev.fulcrum.spi.FieldError;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The engine's steps 1–3 against a real Kubernetes API (the sandbox), with Cluster API's part played
 * by the tests where step 3 needs it.
 */
class EngineTest {
  private static final TestProvider PROVIDER = new TestProvider();
  private static final RegistryOf PROVIDERS = new RegistryOf(PROVIDER);
  private static final EngineOptions OPTIONS = EngineOptions.defaults().withReapplyInterval(Duration.ZERO);

  private static ManagementCluster management;
  private static KubernetesClient client;
  private static Engine engine;

  @BeforeAll
  static void start() {
    management = ManagementCluster.start();
    client = management.client();
    engine = Engine.create(client, PROVIDERS, OPTIONS, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    if (management != null) {
      management.close();
    }
  }

  @Test
  void acceptStoresAValidRequestAsItWasSent() {
    ClusterRef ref = new ClusterRef("team-a", "stored");

    ObjectNode stored = engine.accept().apply(TestRequests.bytes(TestRequests.yaml("stored")), ref);

    JsonNode sent = Mappers.yaml().readTree(TestRequests.yaml("stored"));
    assertThat(stored.get("spec")).isEqualTo(sent.get("spec"));
    assertThat(engine.clusters().get(ref)).get().extracting(cluster -> cluster.get("spec")).isEqualTo(sent.get("spec"));
    assertThat(stored.at("/metadata/generation").asLong()).isEqualTo(1);
  }

  @Test
  void acceptRefusesAnInvalidRequestWithEveryProblemAndStoresNothing() {
    String invalid =
        TestRequests.yaml("refused").replace("replicas: 3", "replicas: 2").replace("kubernetesVersion: v1.33.4", "kubernetesVersion: 1.33");
    ClusterRef ref = new ClusterRef("team-a", "refused");

    assertThatThrownBy(() -> engine.accept().apply(TestRequests.bytes(invalid), ref))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::path)
                    .containsExactly("spec.controlPlane.replicas", "spec.kubernetesVersion"));
    assertThat(engine.clusters().get(ref)).isEmpty();
  }

  @Test
  void acceptRefusesARequestForAnotherProjectOrName() {
    byte[] request = TestRequests.bytes(TestRequests.yaml("elsewhere"));

    assertThatThrownBy(() -> engine.accept().apply(request, new ClusterRef("team-b", "other")))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.errors()).extracting(FieldError::path).containsExactly("metadata.name", "metadata.namespace"));
    assertThatThrownBy(() -> engine.accept().create(request, "team-b"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.errors()).extracting(FieldError::path).containsExactly("metadata.namespace"));
    assertThat(engine.clusters().list(Optional.of("team-b"))).isEmpty();
  }

  @Test
  void createRefusesAnExistingClusterButApplyChangesIt() {
    ClusterRef ref = new ClusterRef("team-a", "twice");
    engine.accept().create(TestRequests.bytes(TestRequests.yaml("twice")), "team-a");

    assertThatThrownBy(() -> engine.accept().create(TestRequests.bytes(TestRequests.yaml("twice")), "team-a"))
        .isInstanceOf(ClusterExistsException.class)
        .hasMessage("cluster twice already exists in project team-a");
    ObjectNode changed =
        engine.accept().apply(TestRequests.bytes(TestRequests.yaml("twice").replace("replicas: 2", "replicas: 5")), ref);

    assertThat(changed.at("/spec/workerPools/0/replicas").asInt()).isEqualTo(5);
    assertThat(changed.at("/metadata/generation").asLong()).isEqualTo(2);
  }

  @Test
  void reconcileAcceptsAppliesTheInitialObjectsAndWaitsForTheFirstControlPlane() {
    ClusterRef ref = new ClusterRef("team-a", "edge");
    engine.accept().apply(TestRequests.bytes(TestRequests.yaml("edge")), ref);

    Next next = engine.reconciler().reconcile(ref);

    assertThat(next).isEqualTo(Next.POLL);
    ObjectNode cluster = engine.clusters().get(ref).orElseThrow();
    ClusterStatus status = ClusterStatus.of(cluster);
    assertThat(status.phase()).contains(Phase.Provisioning);
    assertThat(status.step()).contains("FirstControlPlane");
    assertThat(status.observedGeneration()).isEqualTo(1);
    assertThat(status.clusterNamespace()).contains("team-a--edge");
    assertThat(status.conditions())
        .extracting(Condition::type, Condition::status, Condition::reason)
        .containsExactly(
            tuple("Accepted", "True", "Valid"),
            tuple("ObjectsApplied", "True", "Applied"),
            tuple("FirstControlPlaneReady", "False", "WaitingForControlPlaneInitialized"),
            tuple("Pivoted", "Unknown", "NotStarted"),
            tuple("ScaledOut", "Unknown", "NotStarted"),
            tuple("AddonsReady", "Unknown", "NotStarted"));
    assertThat(cluster.at("/metadata/finalizers").toString()).contains(WorkloadClusters.FINALIZER);
    assertThat(client.namespaces().withName("team-a--edge").get().getMetadata().getLabels())
        .containsEntry("fulcrum.dev/project", "team-a")
        .containsEntry("fulcrum.dev/cluster", "edge");
    InitialRendering.assertApplied(client, PROVIDERS, ref);
    assertThat(engine.events().list(ref, uid(cluster)))
        .extracting(ClusterEvents.ClusterEvent::step, ClusterEvents.ClusterEvent::reason, ClusterEvents.ClusterEvent::type)
        .containsExactly(
            tuple("Accept", "Valid", "Normal"),
            tuple("RenderAndApply", "Applied", "Normal"),
            tuple("FirstControlPlane", "WaitingForControlPlaneInitialized", "Normal"));
  }

  @Test
  void aSecondReconcileOfAnUnchangedClusterWritesNothing() {
    ClusterRef ref = new ClusterRef("team-a", "steady");
    engine.accept().apply(TestRequests.bytes(TestRequests.yaml("steady")), ref);
    engine.reconciler().reconcile(ref);
    ObjectNode before = engine.clusters().get(ref).orElseThrow();

    engine.reconciler().reconcile(ref);

    ObjectNode after = engine.clusters().get(ref).orElseThrow();
    assertThat(after.at("/metadata/resourceVersion")).isEqualTo(before.at("/metadata/resourceVersion"));
    assertThat(engine.events().list(ref, uid(after))).hasSize(3);
  }

  @Test
  void aStatusWriteThatLosesARaceToAnotherWriterAsksForAnotherPassNotABackoff() {
    ClusterRef ref = new ClusterRef("team-a", "raced");
    engine.accept().apply(TestRequests.bytes(TestRequests.yaml("raced")), ref);
    // Another writer (an agent's report, a user's apply) changes the cluster while the pass runs: just before the
    // engine writes the status, as happens when an agent reports during a reconcile.
    Interceptor anotherWriterFirst =
        new Interceptor() {
          @Override
          public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            if (request.method().equals("PUT") && request.uri().getPath().endsWith("/workloadclusters/raced/status")) {
              engine.clusters().update(annotated(engine.clusters().get(ref).orElseThrow()));
            }
          }
        };
    try (KubernetesClient racing = clientWith(anotherWriterFirst)) {
      Engine losing = Engine.create(racing, PROVIDERS, OPTIONS, Clock.systemUTC());

      assertThat(losing.reconciler().reconcile(ref)).isEqualTo(Next.AGAIN);
      assertThat(ClusterStatus.of(engine.clusters().get(ref).orElseThrow()).conditions()).isEmpty();
    }
    assertThat(engine.reconciler().reconcile(ref)).isEqualTo(Next.POLL);
    assertThat(ClusterStatus.of(engine.clusters().get(ref).orElseThrow()).conditions()).hasSize(6);
  }

  /** A client of the management cluster whose requests pass {@code interceptor} first. */
  private static KubernetesClient clientWith(Interceptor interceptor) {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(management.url())
        .withRequestRetryBackoffLimit(0).build();
    return new KubernetesClientBuilder().withConfig(config)
        .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("test", interceptor)).build();
  }

  private static ObjectNode annotated(ObjectNode cluster) {
    ObjectNode changed = cluster.deepCopy();
    ((ObjectNode) changed.at("/metadata")).putObject("annotations").put("example.dev/touched", "yes");
    return changed;
  }

  @Test
  void aPassCutShortByTheShutdownRecordsNothing() {
    ClusterRef ref = new ClusterRef("team-a", "halted");
    engine.accept().apply(TestRequests.bytes(TestRequests.yaml("halted")), ref);
    AtomicReference<Engine> stopping = new AtomicReference<>();
    AtomicBoolean cut = new AtomicBoolean();
    // The first call the steps make for the cluster's namespace hangs until the engine is stopped, as a call in
    // flight when the server shuts down does, and then fails.
    Interceptor hangsUntilStopped =
        new Interceptor() {
          @Override
          public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            if (request.uri().getPath().contains("team-a--halted") && cut.compareAndSet(false, true)) {
              new Thread(() -> stopping.get().close()).start();
              try {
                Thread.sleep(Duration.ofSeconds(30).toMillis());
              } catch (InterruptedException e) {
                throw new IllegalStateException("the call was interrupted by the shutdown");
              }
            }
          }
        };
    try (KubernetesClient hanging = clientWith(hangsUntilStopped)) {
      Engine running = Engine.create(hanging, PROVIDERS, OPTIONS, Clock.systemUTC());
      stopping.set(running);
      running.start();
      await().atMost(Duration.ofSeconds(20)).untilTrue(cut);
      running.close();
    }

    ObjectNode cluster = engine.clusters().get(ref).orElseThrow();
    assertThat(ClusterStatus.of(cluster).conditions()).extracting(Condition::reason).doesNotContain("Error");
    assertThat(engine.events().list(ref, uid(cluster))).extracting(ClusterEvents.ClusterEvent::reason)
        .doesNotContain("Error");
    assertThat(engine.reconciler().reconcile(ref)).as("the next start runs the steps again").isEqualTo(Next.POLL);
  }

  @Test
  void stepThreeCompletesWhenClusterApiReportsTheFirstControlPlane() {
    ClusterRef ref = new ClusterRef("team-a", "cp");
    engine.accept().apply(TestRequests.bytes(TestRequests.yaml("cp")), ref);
    ClusterApiActor capi = new ClusterApiActor(client, "team-a--cp", "cp");

    assertThat(reconcileWithAFreshEngine(ref)).isEqualTo(Next.POLL);
    assertThat(stepThree(ref).reason()).isEqualTo("WaitingForControlPlaneInitialized");

    capi.initializeControlPlane();
    reconcileWithAFreshEngine(ref);
    assertThat(stepThree(ref).reason()).isEqualTo("WaitingForMachine");

    capi.createFirstMachine();
    reconcileWithAFreshEngine(ref);
    assertThat(stepThree(ref))
        .extracting(Condition::reason, Condition::message)
        .containsExactly("WaitingForNode", "Machine cp-control-plane-a1b2c is Provisioning and has no node yet");

    capi.runFirstMachine();
    reconcileWithAFreshEngine(ref);
    assertThat(stepThree(ref).reason()).isEqualTo("WaitingForKubeconfig");

    capi.writeKubeconfig();
    assertThat(reconcileWithAFreshEngine(ref)).isEqualTo(Next.POLL);

    ObjectNode cluster = engine.clusters().get(ref).orElseThrow();
    assertThat(stepThree(ref))
        .extracting(Condition::status, Condition::reason, Condition::message)
        .containsExactly(
            "True",
            "ControlPlaneReady",
            "Machine cp-control-plane-a1b2c is Running as node cp-control-plane-a1b2c; kubeconfig in Secret team-a--cp/cp-kubeconfig");
    // Step 3 is done; the next step (the pivot) is under way.
    assertThat(ClusterStatus.of(cluster).phase()).contains(Phase.Provisioning);
    assertThat(engine.progress(cluster).isComplete()).isFalse();
    assertThat(engine.events().list(ref, uid(cluster)))
        .extracting(ClusterEvents.ClusterEvent::reason)
        .containsExactly(
            "Valid", "Applied", "WaitingForControlPlaneInitialized", "WaitingForMachine", "WaitingForNode",
            "WaitingForKubeconfig", "ControlPlaneReady", "ComponentsUnavailable");
  }

  @Test
  void anInvalidClusterWrittenStraightToKubernetesFailsStepOneAndGetsNothingApplied() {
    ClusterRef ref = new ClusterRef("team-a", "kubectl");
    String invalid = TestRequests.yaml("kubectl").replace("replicas: 3", "replicas: 4");
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build()).serverSideApply();
    client.resource(KubeTrees.resource(Mappers.yaml().readTree(invalid))).create();

    Next next = engine.reconciler().reconcile(ref);

    assertThat(next).isEqualTo(Next.IDLE);
    ObjectNode cluster = engine.clusters().get(ref).orElseThrow();
    ClusterStatus status = ClusterStatus.of(cluster);
    assertThat(status.phase()).contains(Phase.Failed);
    assertThat(status.step()).contains("Accept");
    assertThat(status.condition("Accepted").orElseThrow())
        .satisfies(accepted -> assertThat(accepted.reason()).isEqualTo("Invalid"))
        .satisfies(accepted -> assertThat(accepted.message()).startsWith("spec.controlPlane.replicas: must be an odd number"));
    assertThat(status.condition("ObjectsApplied").orElseThrow())
        .extracting(Condition::status, Condition::reason)
        .containsExactly("Unknown", "NotStarted");
    assertThat(client.namespaces().withName("team-a--kubectl").get()).isNull();
    assertThat(engine.progress(cluster).isFailed()).isTrue();
    assertThat(engine.events().list(ref, uid(cluster)))
        .extracting(ClusterEvents.ClusterEvent::reason, ClusterEvents.ClusterEvent::type)
        .containsExactly(tuple("Invalid", "Warning"));

    ObjectNode fixed = cluster.deepCopy();
    ((ObjectNode) fixed.at("/spec/controlPlane")).put("replicas", 1);
    engine.clusters().update(fixed);
    engine.reconciler().reconcile(ref);

    ClusterStatus after = ClusterStatus.of(engine.clusters().get(ref).orElseThrow());
    assertThat(after.observedGeneration()).isEqualTo(2);
    assertThat(after.condition("Accepted").orElseThrow().status()).isEqualTo("True");
    assertThat(after.condition("ObjectsApplied").orElseThrow().status()).isEqualTo("True");
  }

  @Test
  void aFieldChangedByAnotherManagerIsReportedNotOverwritten() {
    ClusterRef ref = new ClusterRef("team-a", "drift");
    engine.accept().apply(TestRequests.bytes(TestRequests.yaml("drift")), ref);
    engine.reconciler().reconcile(ref);
    PatchContext byHand = new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager("ops-by-hand").build();
    client.genericKubernetesResources("controlplane.cluster.x-k8s.io/v1beta2", "KubeadmControlPlane")
        .inNamespace("team-a--drift")
        .withName("drift-control-plane")
        .patch(byHand, "{\"spec\":{\"version\":\"v1.34.0\"}}");

    engine.reconciler().reconcile(ref);

    Condition applied = ClusterStatus.of(engine.clusters().get(ref).orElseThrow()).condition("ObjectsApplied").orElseThrow();
    assertThat(applied.status()).isEqualTo("False");
    assertThat(applied.reason()).isEqualTo("Conflict");
    assertThat(applied.message()).contains("KubeadmControlPlane team-a--drift/drift-control-plane", ".spec.version", "ops-by-hand");
    assertThat(
            client.genericKubernetesResources("controlplane.cluster.x-k8s.io/v1beta2", "KubeadmControlPlane")
                .inNamespace("team-a--drift")
                .withName("drift-control-plane")
                .get()
                .<String>get("spec", "version"))
        .isEqualTo("v1.34.0");
  }

  @Test
  void deletingAClusterRemovesItsClusterApiObjectsAndThenTheCluster() {
    ClusterRef ref = new ClusterRef("team-a", "gone");
    engine.accept().apply(TestRequests.bytes(TestRequests.yaml("gone")), ref);
    engine.reconciler().reconcile(ref);

    assertThat(engine.clusters().delete(ref)).isTrue();
    assertThat(ClusterStatus.of(engine.clusters().get(ref).orElseThrow()).phase()).contains(Phase.Provisioning);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              engine.reconciler().reconcile(ref);
              return engine.clusters().get(ref).isEmpty();
            });

    assertThat(engine.clusters().get(ref)).isEmpty();
    assertThat(client.namespaces().withName("team-a--gone").get()).isNull();
    assertThat(engine.clusters().delete(ref)).isFalse();
  }

  @Test
  void aRunningEngineTakesAClusterToTheFirstControlPlaneOnItsOwn() {
    EngineOptions fast = OPTIONS.withPollInterval(Duration.ofMillis(100));
    try (Engine running = Engine.create(client, PROVIDERS, fast, Clock.systemUTC())) {
      running.start();
      ClusterRef ref = new ClusterRef("team-a", "auto");
      running.accept().apply(TestRequests.bytes(TestRequests.yaml("auto")), ref);
      await().atMost(Duration.ofSeconds(20)).until(() -> "WaitingForControlPlaneInitialized".equals(stepThreeReason(ref)));

      ClusterApiActor capi = new ClusterApiActor(client, "team-a--auto", "auto");
      capi.initializeControlPlane();
      capi.createFirstMachine();
      capi.runFirstMachine();
      capi.writeKubeconfig();

      await().atMost(Duration.ofSeconds(20)).until(() -> "ControlPlaneReady".equals(stepThreeReason(ref)));
      assertThat(ClusterStatus.of(running.clusters().get(ref).orElseThrow()).phase()).contains(Phase.Provisioning);
    }
  }

  private static String stepThreeReason(ClusterRef ref) {
    return engine.clusters().get(ref)
        .flatMap(cluster -> ClusterStatus.of(cluster).condition("FirstControlPlaneReady"))
        .map(Condition::reason)
        .orElse("");
  }

  private static Next reconcileWithAFreshEngine(ClusterRef ref) {
    // A new engine each time: nothing a pass needs may live only in the previous one's memory.
    return Engine.create(client, PROVIDERS, OPTIONS, Clock.systemUTC()).reconciler().reconcile(ref);
  }

  private static Condition stepThree(ClusterRef ref) {
    return ClusterStatus.of(engine.clusters().get(ref).orElseThrow()).condition("FirstControlPlaneReady").orElseThrow();
  }

  private static String uid(JsonNode cluster) {
    return cluster.at("/metadata/uid").asString();
  }
}
