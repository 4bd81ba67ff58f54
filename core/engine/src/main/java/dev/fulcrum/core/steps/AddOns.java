package dev.fulcrum.core.steps;

import dev.fulcrum.core.agents.AgentSpec;
import dev.fulcrum.core.agents.DesiredSpecs;
import dev.fulcrum.core.profiles.PlannedLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Step 6, add-ons: the agent installs the cluster's add-on layers (the provider's, then its profiles'), in order, each
 * once the one before is ready. Like step 5 it reads only the agent's report; it is done when every layer of the
 * latest spec is Ready (or, for a profile that reports drift instead of correcting it, Drifted), and says per layer
 * where it stands.
 */
public final class AddOns extends Step {
  public static final String NAME = "AddOns";
  public static final String CONDITION = "AddonsReady";

  private static final String READY = "Ready";
  private static final String DRIFTED = "Drifted";
  private static final String FAILED = "Failed";

  private final DesiredSpecs specs;

  public AddOns(DesiredSpecs specs) {
    super(NAME, CONDITION, "the agent installs the add-on layers of the cluster's profiles");
    this.specs = specs;
  }

  @Override
  public StepOutcome reconcile(WorkloadClusterState cluster) {
    AgentSpec spec = specs.of(cluster.stored());
    List<PlannedLayer> layers = spec.addons().layers();
    if (layers.isEmpty()) {
      return StepOutcome.done("NoAddons", "the cluster uses no profile and its provider needs no add-on");
    }
    Optional<AgentReportView> report = AgentReportView.current(cluster, spec);
    if (report.isEmpty()) {
      return AgentReportView.notCurrent(cluster, spec);
    }
    List<String> states = new ArrayList<>();
    int ready = 0;
    boolean failed = false;
    boolean drifted = false;
    for (PlannedLayer layer : layers) {
      Optional<JsonNode> reported = report.get().layer(layer.id());
      String state = reported.map(l -> l.path("state").asString("Pending")).orElse("Pending");
      String message = reported.map(l -> l.path("message").asString("")).orElse("");
      states.add(layer.id() + " " + state + (message.isEmpty() || READY.equals(state) ? "" : " (" + message + ")"));
      ready += READY.equals(state) || DRIFTED.equals(state) ? 1 : 0;
      failed |= FAILED.equals(state);
      drifted |= DRIFTED.equals(state);
    }
    String summary = ready + "/" + layers.size() + " layers ready: " + String.join("; ", states);
    if (ready < layers.size()) {
      return StepOutcome.waiting(failed ? "LayerFailed" : "InstallingLayers", summary);
    }
    return StepOutcome.done(drifted ? "ReadyWithDrift" : "AllLayersReady", summary);
  }
}
