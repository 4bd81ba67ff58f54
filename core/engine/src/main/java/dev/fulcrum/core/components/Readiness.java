package dev.fulcrum.core.components;

import java.util.List;

/**
 * Whether installed objects are ready, and if not what is still awaited.
 *
 * @param waitingFor one line per object not ready yet, e.g. {@code Deployment capi-system/capi-controller-manager:
 *     not Available}; empty when all are ready
 */
public record Readiness(List<String> waitingFor) {
  public Readiness {
    waitingFor = List.copyOf(waitingFor);
  }

  /** Whether nothing is awaited. */
  public boolean ready() {
    return waitingFor.isEmpty();
  }

  @Override
  public String toString() {
    return ready() ? "ready" : "waiting for " + String.join("; ", waitingFor);
  }
}
