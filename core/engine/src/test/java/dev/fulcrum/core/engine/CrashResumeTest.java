package dev.fulcrum.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.cluster.ClusterStatus;
import dev.fulcrum.core.cluster.Condition;
import dev.fulcrum.core.render.RegistryOf;
import dev.fulcrum.core.render.TestProvider;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * A server killed at any moment resumes without duplicating anything: the engine is stopped dead
 * before each of the writes a first reconcile makes (between steps and in the middle of step 2 among
 * them), then a new engine takes over and must reach the same state as an uninterrupted run, with
 * each object and each event once.
 */
class CrashResumeTest {
  private static final RegistryOf PROVIDERS = new RegistryOf(new TestProvider());
  private static final EngineOptions OPTIONS = EngineOptions.defaults();
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  private static ManagementCluster management;

  @BeforeAll
  static void start() {
    management = ManagementCluster.start();
  }

  @AfterAll
  static void stop() {
    if (management != null) {
      management.close();
    }
  }

  @Test
  void aNewEngineConvergesToTheSameStateWhereverTheOldOneDied() {
    Engine healthy = Engine.create(management.client(), PROVIDERS, OPTIONS, Clock.systemUTC());
    ClusterRef reference = new ClusterRef("team-a", "reference");
    healthy.accept().apply(TestRequests.bytes(TestRequests.yaml(reference.name())), reference);
    CrashingClient counting = new CrashingClient(management.url(), Integer.MAX_VALUE);
    assertThat(Engine.create(counting.client, PROVIDERS, OPTIONS, Clock.systemUTC()).reconciler().reconcile(reference))
        .isEqualTo(Next.POLL);
    int writes = counting.writes.get();
    ObjectNode expected = healthy.clusters().get(reference).orElseThrow();
    // the finalizer, the cluster's namespace, its 4 objects, 3 events and the status
    assertThat(writes).as("writes of a first reconcile").isEqualTo(10);

    for (int survivingWrites = 0; survivingWrites < writes; survivingWrites++) {
      ClusterRef ref = new ClusterRef("team-a", "crash-" + survivingWrites);
      healthy.accept().apply(TestRequests.bytes(TestRequests.yaml(ref.name())), ref);

      CrashingClient dying = new CrashingClient(management.url(), survivingWrites);
      assertThatThrownBy(() -> Engine.create(dying.client, PROVIDERS, OPTIONS, Clock.systemUTC()).reconciler().reconcile(ref))
          .as("an engine that dies after %d writes", survivingWrites)
          .isNotNull();
      dying.client.close();

      Next next = Engine.create(management.client(), PROVIDERS, OPTIONS, Clock.systemUTC()).reconciler().reconcile(ref);

      assertThat(next).as("after dying after %d writes", survivingWrites).isEqualTo(Next.POLL);
      ObjectNode resumed = healthy.clusters().get(ref).orElseThrow();
      assertThat(summary(ClusterStatus.of(resumed))).as("status after dying after %d writes", survivingWrites)
          .isEqualTo(summary(ClusterStatus.of(expected)));
      assertThat(ClusterStatus.of(resumed).clusterNamespace()).contains("team-a--" + ref.name());
      InitialRendering.assertApplied(management.client(), PROVIDERS, ref);
      assertThat(healthy.events().list(ref, resumed.at("/metadata/uid").asString()))
          .as("events after dying after %d writes", survivingWrites)
          .extracting(ClusterEvents.ClusterEvent::reason)
          .containsExactly("Valid", "Applied", "WaitingForControlPlaneInitialized");
      assertThat(resumed.at("/metadata/finalizers")).hasSize(1);
    }
  }

  private static List<String> summary(ClusterStatus status) {
    return List.of(
        status.phase().orElseThrow().name(),
        status.step().orElseThrow(),
        status.conditions().stream().map(c -> c.type() + "=" + c.status() + "/" + c.reason()).toList().toString(),
        String.valueOf(status.conditions().stream().map(Condition::observedGeneration).distinct().toList()));
  }

  /** A client whose process "dies" before its n+1-th write: that request and every later one fail. */
  private static final class CrashingClient {
    final AtomicInteger writes = new AtomicInteger();
    final KubernetesClient client;

    CrashingClient(String url, int survivingWrites) {
      Interceptor crash =
          new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
              if (writes.get() >= survivingWrites) {
                throw new IllegalStateException("the engine's process died");
              }
              if (WRITES.contains(request.method())) {
                writes.incrementAndGet();
              }
            }
          };
      Config config =
          new ConfigBuilder(Config.empty())
              .withMasterUrl(url)
              .withOnlyHttpWatches(true)
              .withRequestRetryBackoffLimit(0)
              .withRequestTimeout((int) Duration.ofSeconds(10).toMillis())
              .build();
      client =
          new KubernetesClientBuilder()
              .withConfig(config)
              .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("crash", crash))
              .build();
    }
  }
}
