package dev.fulcrum.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.core.kube.KubeTrees;
import dev.fulcrum.core.yaml.Mappers;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Life without the management plane: the Fulcrum server stops while a scale-up it asked for is under way, a worker's
 * node fails during the outage, and the cluster carries on by itself (its agent and its own Cluster API): the scale-up
 * completes and the failed machine is replaced. When the server returns, it shows the truth, including what happened
 * while it was away.
 */
class OutageDrillTest {
  private static final String NAMESPACE = "team-a--dev-1";
  private static final String CAPI = "cluster.x-k8s.io/v1beta2";
  private static final Duration LONG = Duration.ofMinutes(4);

  @TempDir Path dataDir;
  @TempDir Path dir;

  @Test
  void theClusterScalesAndHealsWhileTheManagementPlaneIsDownAndReportsWhenItReturns() {
    try (SandboxWorld world = SandboxWorld.start(dir);
        KubernetesClient workload = world.workload(NAMESPACE)) {
      List<String> serverArgs = new ArrayList<>(List.of(world.serverArgs()));
      // Agents find the server again at the same address after its restart.
      serverArgs.addAll(List.of("--port", String.valueOf(freePort())));

      try (RunningServer server = RunningServer.start(dataDir, serverArgs.toArray(String[]::new))) {
        server.cli("cluster", "apply", "-f", Fulcrum.example("docker.yaml").toString());
        Fulcrum.Run running = server.cli("cluster", "watch", "dev-1", "-n", "team-a", "--timeout", "PT4M");
        assertThat(running.exitCode()).as(running.out() + running.err()).isZero();

        server.cli("cluster", "scale", "dev-1", "-n", "team-a", "--pool", "general", "--replicas", "3");
        // The agent has the new spec once it has applied it; then the management plane goes away.
        await().atMost(LONG).until(() -> poolReplicas(workload) == 3);
      }

      // The scale-up requested before the outage completes without the management plane.
      await().atMost(LONG).until(() -> runningMachines(workload) == 6);

      // A worker's kubelet falls silent; its MachineHealthCheck has the machine replaced.
      Node failed =
          workload.nodes().list().getItems().stream()
              .filter(node -> !node.getMetadata().getLabels().containsKey("node-role.kubernetes.io/control-plane"))
              .findFirst()
              .orElseThrow();
      String failedName = failed.getMetadata().getName();
      // Silent for longer than the health check's 5 minutes. A merge patch, as kubectl annotate sends: a concurrent
      // write to the Node is no conflict.
      String stoppedSince = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
      workload.nodes().withName(failedName).patch(PatchContext.of(PatchType.JSON_MERGE),
          "{\"metadata\":{\"annotations\":{\"sandbox.fulcrum.dev/kubelet\":\"stopped\","
              + "\"sandbox.fulcrum.dev/kubelet-stopped-since\":\"" + stoppedSince + "\"}}}");
      await().atMost(LONG).until(() -> machineNames(workload).stream().noneMatch(failedName::equals) && runningMachines(workload) == 6);
      await().atMost(LONG).until(() -> pendingAgentEvents(workload).contains("MachineRemediated"));

      try (RunningServer server = RunningServer.start(dataDir, serverArgs.toArray(String[]::new))) {
        await()
            .atMost(LONG)
            .until(
                () -> {
                  JsonNode agent = cluster(server).at("/status/agent");
                  return agent.at("/machines/running").asInt() == 6
                      && agent.at("/machines/total").asInt() == 6
                      && reasons(agent).contains("MachineRemediated")
                      && reasons(agent).contains("ManagementPlaneUnreachable");
                });
        Fulcrum.Run watch = server.cli("cluster", "watch", "dev-1", "-n", "team-a", "--timeout", "PT4M");
        assertThat(watch.exitCode()).as(watch.out() + watch.err()).isZero();
        assertThat(watch.out()).contains("(6/6 Machines Running, 6/6 Nodes Ready)").endsWith("(phase Running).\n");
      }
    }
  }

  private static int poolReplicas(KubernetesClient workload) {
    GenericKubernetesResource pool =
        workload.genericKubernetesResources(CAPI, "MachineDeployment").inNamespace(NAMESPACE).withName("dev-1-general").get();
    return pool == null ? -1 : KubeTrees.tree(pool).at("/spec/replicas").asInt(-1);
  }

  private static long runningMachines(KubernetesClient workload) {
    return workload.genericKubernetesResources(CAPI, "Machine").inNamespace(NAMESPACE).list().getItems().stream()
        .map(KubeTrees::tree)
        .filter(machine -> "Running".equals(machine.at("/status/phase").asString()))
        .count();
  }

  private static List<String> machineNames(KubernetesClient workload) {
    return workload.genericKubernetesResources(CAPI, "Machine").inNamespace(NAMESPACE).list().getItems().stream()
        .map(machine -> machine.getMetadata().getName())
        .toList();
  }

  /** What the agent recorded and has not been able to report yet. */
  private static String pendingAgentEvents(KubernetesClient workload) {
    ConfigMap state = workload.configMaps().inNamespace("fulcrum-system").withName("fulcrum-agent-state").get();
    return state == null || state.getData() == null ? "" : String.valueOf(state.getData().get("events.json"));
  }

  private static JsonNode cluster(RunningServer server) {
    return Mappers.json().readTree(server.http("GET", "/api/v1/projects/team-a/clusters/dev-1", null, null).body());
  }

  private static List<String> reasons(JsonNode agent) {
    List<String> reasons = new ArrayList<>();
    agent.path("events").forEach(event -> reasons.add(event.path("reason").asString()));
    return reasons;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
