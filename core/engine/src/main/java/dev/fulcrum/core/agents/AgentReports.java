package dev.fulcrum.core.agents;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.cluster.WorkloadClusters;
import dev.fulcrum.core.yaml.Mappers;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes in what agents report and keeps it in their WorkloadCluster's status: the last report as
 * {@code status.agent}, and {@code status.kubernetesVersion} once every machine runs one version, which is where the
 * next upgrade is planned from. An agent sends each event once (what happened while the management plane was away
 * arrives in one report), so the events of earlier reports are kept beside the new ones, the latest
 * {@value #KEPT_EVENTS}.
 */
public final class AgentReports {
  private static final int ATTEMPTS = 5;
  static final int KEPT_EVENTS = 50;

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
      ObjectNode agent = received.deepCopy();
      agent.set("events", keptEvents(status.path("agent").path("events"), received.path("events")));
      status.set("agent", agent);
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

  private static ArrayNode keptEvents(JsonNode earlier, JsonNode latest) {
    List<JsonNode> all = new ArrayList<>();
    earlier.forEach(all::add);
    latest.forEach(all::add);
    ArrayNode kept = Mappers.json().createArrayNode();
    all.subList(Math.max(0, all.size() - KEPT_EVENTS), all.size()).forEach(kept::add);
    return kept;
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
