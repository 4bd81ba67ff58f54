package dev.fulcrum.core.steps;

import dev.fulcrum.core.agents.AgentSpec;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The agent's last report as steps 5 and 6 read it: nothing but what the agent sent ({@code status.agent}), judged
 * against the spec it should be working on.
 */
record AgentReportView(JsonNode report) {

  /** The report, when the agent has sent one for exactly this spec. */
  static Optional<AgentReportView> current(WorkloadClusterState cluster, AgentSpec spec) {
    JsonNode report = cluster.stored().at("/status/agent");
    if (!report.isObject() || !spec.version().equals(report.path("observedVersion").asString(""))) {
      return Optional.empty();
    }
    return Optional.of(new AgentReportView(report));
  }

  /** Why there is no current report: none yet, or one for an older spec. */
  static StepOutcome notCurrent(WorkloadClusterState cluster, AgentSpec spec) {
    JsonNode report = cluster.stored().at("/status/agent");
    if (!report.isObject()) {
      return StepOutcome.waiting("WaitingForAgent", "the agent has not reported yet");
    }
    String observed = report.path("observedVersion").asString("");
    return StepOutcome.waiting(
        "WaitingForAgent",
        "the agent has not picked up spec " + spec.version() + " yet (it last worked on "
            + (observed.isEmpty() ? "none" : observed) + ", reported at " + report.path("reportedAt").asString("?") + ")");
  }

  /** The control plane and every pool at their replicas and the desired version, every Machine Running. */
  boolean machinesSettled(AgentSpec spec) {
    String version = spec.stages().get(spec.stages().size() - 1).kubernetesVersion();
    if (!rolledOut(report.path("controlPlane"), version)) {
      return false;
    }
    for (JsonNode pool : report.path("workerPools")) {
      if (!rolledOut(pool, version)) {
        return false;
      }
    }
    JsonNode machines = report.path("machines");
    return machines.path("total").asInt(-1) == machines.path("running").asInt(-2);
  }

  String phase() {
    return report.path("phase").asString("Reconciling");
  }

  String message() {
    return report.path("message").asString("");
  }

  /** {@code " (5/5 Machines Running, 5/5 Nodes Ready)"}, or nothing before the agent counted. */
  String counts() {
    JsonNode machines = report.path("machines");
    JsonNode nodes = report.path("nodes");
    if (!machines.isObject()) {
      return "";
    }
    return " (" + machines.path("running").asInt() + "/" + machines.path("total").asInt() + " Machines Running, "
        + nodes.path("ready").asInt() + "/" + nodes.path("total").asInt() + " Nodes Ready)";
  }

  /** The state the agent reports for an add-on layer, if it reported one. */
  Optional<JsonNode> layer(String id) {
    for (JsonNode layer : report.path("addons")) {
      if (id.equals(layer.path("id").asString())) {
        return Optional.of(layer);
      }
    }
    return Optional.empty();
  }

  private static boolean rolledOut(JsonNode group, String version) {
    int replicas = group.path("replicas").asInt(-1);
    String running = group.path("version").asString(version);
    return replicas >= 0
        && group.path("readyReplicas").asInt(-1) == replicas
        && group.path("upToDateReplicas").asInt(-1) == replicas
        && running.equals(version);
  }
}
