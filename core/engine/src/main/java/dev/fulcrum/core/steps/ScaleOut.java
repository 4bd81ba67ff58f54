package dev.fulcrum.core.steps;

import dev.fulcrum.core.agents.AgentSpec;
import dev.fulcrum.core.agents.DesiredSpecs;
import tools.jackson.databind.JsonNode;

/**
 * Step 5, scale out: the agent inside the cluster pulls the desired spec and brings the control plane and the
 * worker pools to their replicas (and, later, to new versions). The management plane makes no call to the workload
 * cluster for it; the step reads the agent's last report ({@code status.agent}) and is done when the agent has
 * observed the latest spec and reports every Machine Running at it.
 */
public final class ScaleOut extends Step {
  public static final String NAME = "ScaleOut";
  public static final String CONDITION = "ScaledOut";

  private static final String READY = "Ready";

  private final DesiredSpecs specs;

  public ScaleOut(DesiredSpecs specs) {
    super(NAME, CONDITION, "the agent scales out the control plane and the worker pools inside the cluster");
    this.specs = specs;
  }

  @Override
  public StepOutcome reconcile(WorkloadClusterState cluster) {
    AgentSpec spec = specs.of(cluster.stored());
    JsonNode report = cluster.stored().at("/status/agent");
    if (!report.isObject()) {
      return StepOutcome.waiting("WaitingForAgent", "the agent has not reported yet");
    }
    String observed = report.path("observedVersion").asString("");
    if (!spec.version().equals(observed)) {
      return StepOutcome.waiting(
          "WaitingForAgent",
          "the agent has not picked up spec " + spec.version() + " yet (it last worked on "
              + (observed.isEmpty() ? "none" : observed) + ", reported at " + report.path("reportedAt").asString("?") + ")");
    }
    String counts = counts(report);
    if (!READY.equals(report.path("phase").asString())) {
      return StepOutcome.waiting(
          report.path("phase").asString("Reconciling"), report.path("message").asString("") + counts);
    }
    return StepOutcome.done("AllMachinesRunning", "the agent reports the spec applied" + counts);
  }

  private static String counts(JsonNode report) {
    JsonNode machines = report.path("machines");
    JsonNode nodes = report.path("nodes");
    if (!machines.isObject()) {
      return "";
    }
    return " (" + machines.path("running").asInt() + "/" + machines.path("total").asInt() + " Machines Running, "
        + nodes.path("ready").asInt() + "/" + nodes.path("total").asInt() + " Nodes Ready)";
  }
}
