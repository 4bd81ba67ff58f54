package dev.fulcrum.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.core.kube.KubeClients;
import dev.fulcrum.core.yaml.Mappers;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A server stopped between steps and started again on the same data directory carries on: the sandbox
 * and the cluster's status survive, the new engine resumes at the step the status names, and nothing is
 * created twice.
 */
class RestartTest {
  @TempDir Path dataDir;

  @Test
  void aRestartedServerFinishesTheClusterWithoutDuplicatingAnything() {
    String[] ports = {"--port", String.valueOf(freePort()), "--sandbox-port", String.valueOf(freePort())};
    try (RunningServer first = RunningServer.start(dataDir, ports)) {
      first.cli("cluster", "apply", "-f", Fulcrum.example("docker.yaml").toString());
      await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> stepState(first, 1).equals("Done"));
    }

    try (RunningServer second = RunningServer.start(dataDir, ports);
        KubernetesClient management = KubeClients.fromKubeconfig(dataDir.resolve("sandbox.kubeconfig"))) {
      Fulcrum.Run watch = second.cli("cluster", "watch", "dev-1", "-n", "team-a", "--timeout", "PT4M");

      assertThat(watch.exitCode()).as(watch.out() + watch.err()).isZero();
      // Pivoted: the cluster holds its machines, each once; the management cluster none.
      String kubeconfig = second.cli("sandbox", "kubeconfig", "--cluster", "dev-1", "-n", "team-a").out();
      try (KubernetesClient workload = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build()) {
        assertThat(machines(workload).withLabel("cluster.x-k8s.io/control-plane").list().getItems())
            .as("control-plane machines")
            .hasSize(3);
        assertThat(machines(workload).list().getItems()).as("machines").hasSize(5);
      }
      assertThat(machines(management).list().getItems()).as("machines left in the management cluster").isEmpty();
      List<String> events = new ArrayList<>();
      json(second.http("GET", "/api/v1/projects/team-a/clusters/dev-1/events", null, null).body())
          .get("items")
          .forEach(event -> events.add(event.get("step").asString() + "/" + event.get("reason").asString()));
      assertThat(events).startsWith("Accept/Valid", "RenderAndApply/Applied").doesNotHaveDuplicates();
    }
  }

  private static NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
      machines(KubernetesClient client) {
    return client.genericKubernetesResources("cluster.x-k8s.io/v1beta2", "Machine").inNamespace("team-a--dev-1");
  }

  private static String stepState(RunningServer server, int index) {
    JsonNode steps = json(server.http("GET", "/api/v1/projects/team-a/clusters/dev-1/steps", null, null).body());
    return steps.at("/steps/" + index + "/state").asString("");
  }

  private static JsonNode json(String body) {
    return Mappers.json().readTree(body);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
