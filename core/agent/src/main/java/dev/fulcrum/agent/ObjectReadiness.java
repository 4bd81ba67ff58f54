package dev.fulcrum.agent;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Whether an applied add-on object is ready, as far as its status can tell: Deployments available (their latest
 * generation observed), CustomResourceDefinitions established, Jobs complete, Namespaces active. Any other kind is
 * ready once applied.
 */
final class ObjectReadiness {

  private ObjectReadiness() {}

  /**
   * What the object still waits for, e.g. {@code Deployment monitoring/metrics to be available}; empty when it is
   * ready.
   *
   * @throws NeverReadyException when the object can no longer become ready (a failed Job)
   */
  static Optional<String> waitingFor(JsonNode live) {
    String group = CapiKinds.group(live);
    String kind = CapiKinds.kind(live);
    String what = AddonObjects.describe(live);
    if (group.equals("apps") && kind.equals("Deployment")) {
      boolean available = Rollouts.observed(live) && "True".equals(CapiKinds.condition(live, "Available"));
      return available ? Optional.empty() : Optional.of(what + " to be available");
    }
    if (group.equals("apiextensions.k8s.io") && kind.equals("CustomResourceDefinition")) {
      return "True".equals(CapiKinds.condition(live, "Established")) ? Optional.empty()
          : Optional.of(what + " to be established");
    }
    if (group.equals("batch") && kind.equals("Job")) {
      if ("True".equals(CapiKinds.condition(live, "Failed"))) {
        throw new NeverReadyException(what + " failed: " + conditionMessage(live, "Failed"));
      }
      return "True".equals(CapiKinds.condition(live, "Complete")) ? Optional.empty()
          : Optional.of(what + " to complete");
    }
    if (group.isEmpty() && kind.equals("Namespace")) {
      return "Active".equals(live.at("/status/phase").asString("")) ? Optional.empty()
          : Optional.of(what + " to be active");
    }
    return Optional.empty();
  }

  private static String conditionMessage(JsonNode object, String type) {
    for (JsonNode condition : object.at("/status/conditions")) {
      if (type.equals(condition.path("type").asString(""))) {
        return condition.path("message").asString(condition.path("reason").asString("no reason given"));
      }
    }
    return "no reason given";
  }

  /** An object that cannot become ready any more. */
  static final class NeverReadyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NeverReadyException(String message) {
      super(message);
    }
  }
}
