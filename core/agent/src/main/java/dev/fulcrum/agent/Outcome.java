package dev.fulcrum.agent;

import dev.fulcrum.agent.StatusReport.AddonStatus;
import dev.fulcrum.agent.StatusReport.Phase;
import java.util.List;

/**
 * What one reconcile achieved.
 *
 * @param phase where the cluster stands
 * @param message what the agent did or waits for
 * @param stageIndex the stage worked on (-1 when no stage was)
 * @param addons where each add-on layer stands, in apply order
 */
record Outcome(Phase phase, String message, int stageIndex, List<AddonStatus> addons) {

  Outcome {
    addons = List.copyOf(addons);
  }

  Outcome(Phase phase, String message, int stageIndex) {
    this(phase, message, stageIndex, List.of());
  }

  static Outcome waiting(String message) {
    return new Outcome(Phase.WAITING, message, -1);
  }

  Outcome withAddons(List<AddonStatus> layers) {
    return new Outcome(phase, message, stageIndex, layers);
  }
}
