package dev.fulcrum.agent;

import dev.fulcrum.agent.StatusReport.Phase;

/**
 * What one reconcile achieved.
 *
 * @param phase where the cluster stands
 * @param message what the agent did or waits for
 * @param stageIndex the stage worked on (-1 when no stage was)
 */
record Outcome(Phase phase, String message, int stageIndex) {

  static Outcome waiting(String message) {
    return new Outcome(Phase.WAITING, message, -1);
  }
}
