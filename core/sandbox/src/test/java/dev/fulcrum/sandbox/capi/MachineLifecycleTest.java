package dev.fulcrum.sandbox.capi;

import static dev.fulcrum.sandbox.capi.SimulatorFixture.CLUSTER_API;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A Machine's way through the phases with visible step durations, and a simulator restarted half-way. */
class MachineLifecycleTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  /** Long enough for every phase to be observed by a watch on a busy machine. */
  private static final Delays VISIBLE = new Delays(Duration.ZERO, Duration.ofMillis(700), Duration.ofMillis(700),
      Duration.ofMillis(1500), Duration.ZERO);

  private SandboxServer server;
  private KubernetesClient client;

  @BeforeEach
  void startSandbox() {
    server = SandboxServer.start(SandboxOptions.defaults());
    client = SimulatorFixture.client(server, SandboxServer.MANAGEMENT);
    CapiCrds.install(client, List.of(SimulatorFixture.DEV), Optional.of(SimulatorFixture.sharedCrds()));
  }

  @AfterEach
  void stopSandbox() {
    client.close();
    server.close();
  }

  @Test
  void machineGoesPendingProvisioningProvisionedRunning() {
    List<String> phases = Collections.synchronizedList(new ArrayList<>());
    try (CapiSimulator simulator = start(VISIBLE);
        Watch watch = SimulatorFixture.resources(client, CLUSTER_API, "Machine").inAnyNamespace()
            .watch(new Watcher<GenericKubernetesResource>() {
              @Override
              public void eventReceived(Action action, GenericKubernetesResource machine) {
                String phase = SimulatorFixture.tree(client, machine).at("/status/phase").asString("");
                if (!phase.isEmpty() && (phases.isEmpty() || !phases.get(phases.size() - 1).equals(phase))) {
                  phases.add(phase);
                }
              }

              @Override
              public void onClose(WatcherException cause) {}
            })) {
      String ns = SimulatorFixture.apply(client, "dev-1-initial.yaml", "phases");
      await().atMost(WAIT).until(() -> phases.contains("Running"));
      assertThat(phases).containsExactly("Pending", "Provisioning", "Provisioned", "Running");
      // As in Cluster API, Running only means a Node exists; Ready follows once the Node reports Ready.
      await().atMost(WAIT).until(() -> "True".equals(SimulatorFixture.condition(machines(ns).get(0), "Ready")));
    }
  }

  @Test
  void restartedSimulatorContinuesWhereItStopped() {
    String ns;
    try (CapiSimulator first = start(new Delays(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(30),
        Duration.ZERO))) {
      ns = SimulatorFixture.apply(client, "dev-1-initial.yaml", "restart");
      // The first simulator gets the machine as far as its VM; its node would take 30 s.
      await().atMost(WAIT).until(() -> machines(ns).size() == 1
          && "Provisioned".equals(machines(ns).get(0).at("/status/phase").asString()));
    }
    try (CapiSimulator second = start(Delays.none())) {
      await().atMost(WAIT).until(() -> "Running".equals(machines(ns).get(0).at("/status/phase").asString()));
      assertThat(machines(ns)).hasSize(1);
      scaleControlPlane(ns, "restart-control-plane", 3);
      await().atMost(WAIT).until(() -> machines(ns).size() == 3
          && machines(ns).stream().allMatch(m -> "Running".equals(m.at("/status/phase").asString())));
    }
  }

  private CapiSimulator start(Delays delays) {
    return CapiSimulator.start(client, SimulatorOptions.of(WorkloadApis.of(server), SimulatorFixture.DEV)
        .withDelays(delays));
  }

  private List<JsonNode> machines(String ns) {
    return SimulatorFixture.list(client, CLUSTER_API, "Machine", ns, Map.of()).stream()
        .map(m -> SimulatorFixture.tree(client, m)).toList();
  }

  private void scaleControlPlane(String ns, String name, int replicas) {
    SimulatorFixture.mergePatch(client, SimulatorFixture.CONTROL_PLANE_API, "KubeadmControlPlane", ns, name,
        "{\"spec\":{\"replicas\":" + replicas + "}}");
  }
}
