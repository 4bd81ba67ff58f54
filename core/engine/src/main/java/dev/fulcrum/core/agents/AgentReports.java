package dev.fulcrum.core.agents;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.cluster.WorkloadClusters;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes in what agents report and keeps it in their WorkloadCluster's status: the last report as
 * {@code status.agent}, and {@code status.kubernetesVersion} once every machine runs one version, which is where the
 * next upgrade is planned from.
 */
public final class AgentReports {
  private static final int ATTEMPTS = 5;

  private final WorkloadClusters clusters;
  private final Clock clock;

  public AgentReports(WorkloadClusters clusters, Clock clock) {
    this.clusters = clusters;
    this.clock = clock;
  }

  /**
   * Records a report; retried when the status changed meanwhile.
   *
   * @return false when the cluster no longer exists
   */
  public boolean record(ClusterRef ref, ObjectNode report) {
    ObjectNode received = report.deepCopy();
    received.put("receivedAt", clock.instant().toString());
    for (int attempt = 1; ; attempt++) {
      Optional<ObjectNode> stored = clusters.get(ref);
      if (stored.isEmpty()) {
        return false;
      }
      ObjectNode updated = stored.get().deepCopy();
      ObjectNode status = updated.withObject("status");
      status.set("agent", received);
      uniformVersion(received).ifPresent(version -> status.put("kubernetesVersion", version));
      try {
        clusters.updateStatus(updated);
        return true;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** The version the whole cluster runs: the control plane's, when every machine is up to date with it. */
  static Optional<String> uniformVersion(JsonNode report) {
    JsonNode controlPlane = report.path("controlPlane");
    String version = controlPlane.path("version").asString("");
    if (version.isEmpty() || !rolledOut(controlPlane)) {
      return Optional.empty();
    }
    for (JsonNode pool : report.path("workerPools")) {
      if (!version.equals(pool.path("version").asString("")) || !rolledOut(pool)) {
        return Optional.empty();
      }
    }
    return Optional.of(version);
  }

  private static boolean rolledOut(JsonNode group) {
    int replicas = group.path("replicas").asInt(-1);
    return replicas >= 0 && group.path("upToDateReplicas").asInt(-2) == replicas;
  }
}
