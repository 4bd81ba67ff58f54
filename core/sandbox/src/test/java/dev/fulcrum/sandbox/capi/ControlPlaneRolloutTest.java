package dev.fulcrum.sandbox.capi;

import static dev.fulcrum.sandbox.capi.SimulatorFixture.CLUSTER_API;
import static dev.fulcrum.sandbox.capi.SimulatorFixture.CONTROL_PLANE_API;
import static dev.fulcrum.sandbox.capi.SimulatorFixture.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.sandbox.SandboxOptions;
import dev.fulcrum.sandbox.SandboxServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** KubeadmControlPlane rollouts: a version upgrade, {@code rollout.after} and certificate expiry. */
class ControlPlaneRolloutTest {

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final Map<String, String> CONTROL_PLANE = Map.of("cluster.x-k8s.io/control-plane", "");

  private static SandboxServer server;
  private static KubernetesClient client;
  private static CapiSimulator simulator;

  @BeforeAll
  static void start() {
    server = SandboxServer.start(SandboxOptions.defaults());
    client = SimulatorFixture.client(server, SandboxServer.MANAGEMENT);
    CapiCrds.install(client, List.of(SimulatorFixture.DEV), Optional.of(SimulatorFixture.sharedCrds()));
    simulator = CapiSimulator.start(client, SimulatorOptions.of(WorkloadApis.of(server), SimulatorFixture.DEV)
        .withDelays(Delays.none()));
  }

  @AfterAll
  static void stop() {
    simulator.close();
    client.close();
    server.close();
  }

  @Test
  void versionUpgradeReplacesThreeMachinesOneAtATime() {
    String ns = SimulatorFixture.apply(client, "dev-1-initial.yaml", "up");
    patchKcp(ns, "up", "{\"spec\":{\"replicas\":3}}");
    List<String> before = names(SimulatorFixture.awaitRunningMachines(client, ns, CONTROL_PLANE, 3));

    Set<String> present = ConcurrentHashMap.newKeySet();
    AtomicInteger most = new AtomicInteger();
    try (Watch watch = SimulatorFixture.resources(client, CLUSTER_API, "Machine").inNamespace(ns)
        .watch(new Watcher<GenericKubernetesResource>() {
          @Override
          public void eventReceived(Action action, GenericKubernetesResource machine) {
            if (action == Action.DELETED) {
              present.remove(machine.getMetadata().getName());
            } else {
              present.add(machine.getMetadata().getName());
            }
            most.accumulateAndGet(present.size(), Math::max);
          }

          @Override
          public void onClose(WatcherException cause) {}
        })) {
      patchKcp(ns, "up", "{\"spec\":{\"version\":\"v1.34.1\"}}");
      await().atMost(WAIT).untilAsserted(() -> {
        List<JsonNode> machines = SimulatorFixture.machines(client, ns, CONTROL_PLANE);
        assertThat(machines).hasSize(3).allSatisfy(m -> {
          assertThat(m.at("/spec/version").asString()).isEqualTo("v1.34.1");
          assertThat(m.at("/status/phase").asString()).isEqualTo("Running");
          assertThat(condition(m, "UpToDate")).isEqualTo("True");
        });
        assertThat(names(machines)).doesNotContainAnyElementsOf(before);
        JsonNode kcp = kcp(ns, "up");
        assertThat(kcp.at("/status/version").asString()).isEqualTo("v1.34.1");
        assertThat(kcp.at("/status/upToDateReplicas").asInt()).isEqualTo(3);
        assertThat(kcp.at("/status/readyReplicas").asInt()).isEqualTo(3);
        assertThat(condition(kcp, "RollingOut")).isEqualTo("False");
        assertThat(condition(kcp, "MachinesUpToDate")).isEqualTo("True");
      });
    }
    // maxSurge 1: never more than replicas + 1 machines.
    assertThat(most.get()).isEqualTo(4);
  }

  @Test
  void versionTwoMinorsAheadIsRefused() {
    String ns = SimulatorFixture.apply(client, "dev-1-initial.yaml", "skew");
    String machine = names(SimulatorFixture.awaitRunningMachines(client, ns, CONTROL_PLANE, 1)).get(0);
    patchKcp(ns, "skew", "{\"spec\":{\"version\":\"v1.35.0\"}}");
    await().atMost(WAIT).untilAsserted(() -> {
      JsonNode kcp = kcp(ns, "skew");
      assertThat(kcp.at("/status/conditions").toString()).contains("VersionSkewTooLarge");
    });
    assertThat(names(SimulatorFixture.machines(client, ns, CONTROL_PLANE))).containsExactly(machine);
  }

  @Test
  void rolloutAfterReplacesMachinesCreatedBeforeIt() {
    String ns = SimulatorFixture.apply(client, "dev-1-initial.yaml", "after");
    String old = names(SimulatorFixture.awaitRunningMachines(client, ns, CONTROL_PLANE, 1)).get(0);
    String after = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString();
    await().until(() -> Instant.now().isAfter(Instant.parse(after)));
    patchKcp(ns, "after", "{\"spec\":{\"rollout\":{\"after\":\"" + after + "\"}}}");

    await().atMost(WAIT).untilAsserted(() -> {
      List<JsonNode> machines = SimulatorFixture.awaitRunningMachines(client, ns, CONTROL_PLANE, 1);
      assertThat(names(machines)).doesNotContain(old);
      assertThat(condition(kcp(ns, "after"), "RollingOut")).isEqualTo("False");
    });
  }

  @Test
  void machineWhoseCertificatesExpireWithinTheConfiguredDaysIsReplaced() {
    String ns = SimulatorFixture.apply(client, "dev-1-initial.yaml", "certs");
    JsonNode first = SimulatorFixture.awaitRunningMachines(client, ns, CONTROL_PLANE, 1).get(0);
    String old = first.at("/metadata/name").asString();
    // Set at creation from the simulated API server certificate: a year ahead, beyond the fixture's 21 days.
    await().atMost(WAIT).untilAsserted(() -> assertThat(Instant.parse(machine(ns, old)
        .at("/status/certificatesExpiryDate").asString())).isAfter(Instant.now().plus(Duration.ofDays(300))));

    String soon = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS).toString();
    SimulatorFixture.mergePatch(client, CLUSTER_API, "Machine", ns, old,
        "{\"metadata\":{\"annotations\":{\"machine.cluster.x-k8s.io/certificates-expiry\":\"" + soon + "\"}}}");
    await().atMost(WAIT).untilAsserted(() -> {
      List<JsonNode> machines = SimulatorFixture.awaitRunningMachines(client, ns, CONTROL_PLANE, 1);
      assertThat(names(machines)).doesNotContain(old);
      assertThat(Instant.parse(machines.get(0).at("/status/certificatesExpiryDate").asString()))
          .isAfter(Instant.now().plus(Duration.ofDays(300)));
    });
  }

  private static void patchKcp(String ns, String cluster, String patch) {
    SimulatorFixture.mergePatch(client, CONTROL_PLANE_API, "KubeadmControlPlane", ns, cluster + "-control-plane",
        patch);
  }

  private static JsonNode kcp(String ns, String cluster) {
    return SimulatorFixture.tree(client, SimulatorFixture.get(client, CONTROL_PLANE_API, "KubeadmControlPlane", ns,
        cluster + "-control-plane"));
  }

  private static JsonNode machine(String ns, String name) {
    return SimulatorFixture.tree(client, SimulatorFixture.get(client, CLUSTER_API, "Machine", ns, name));
  }

  private static List<String> names(List<JsonNode> machines) {
    return machines.stream().map(m -> m.at("/metadata/name").asString()).sorted().toList();
  }
}
