package dev.fulcrum.core.steps;

import dev.fulcrum.core.agents.AgentSpec;
import dev.fulcrum.core.agents.DesiredSpecs;
import java.util.Optional;

/**
 * Step 5, scale out: the agent inside the cluster pulls the desired spec and brings the control plane and the
 * worker pools to their replicas (and, later, to new versions). The management plane makes no call to the workload
 * cluster for it; the step reads the agent's last report ({@code status.agent}) and is done when the agent has
 * observed the latest spec and reports the control plane and every pool rolled out and every Machine Running.
 */
public final class ScaleOut extends Step {
  public static final String NAME = "ScaleOut";
  public static final String CONDITION = "ScaledOut";

  private final DesiredSpecs specs;

  public ScaleOut(DesiredSpecs specs) {
    super(NAME, CONDITION, "the agent scales out the control plane and the worker pools inside the cluster");
    this.specs = specs;
  }

  @Override
  public StepOutcome reconcile(WorkloadClusterState cluster) {
    AgentSpec spec = specs.of(cluster.stored());
    Optional<AgentReportView> report = AgentReportView.current(cluster, spec);
    if (report.isEmpty()) {
      return AgentReportView.notCurrent(cluster, spec);
    }
    if (!report.get().machinesSettled(spec)) {
      return StepOutcome.waiting(report.get().phase(), report.get().message() + report.get().counts());
    }
    return StepOutcome.done("AllMachinesRunning", "the agent reports the spec applied" + report.get().counts());
  }
}
