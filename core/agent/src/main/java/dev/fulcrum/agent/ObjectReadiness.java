package dev.fulcrum.agent;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Whether an applied add-on object is ready, as far as its status can tell: Deployments available, StatefulSets and
 * DaemonSets rolled out (as {@code kubectl rollout status} judges them), each with its latest generation observed;
 * CustomResourceDefinitions established, Jobs complete, Namespaces active. Any other kind is ready once applied.
 *
 * <p>A StatefulSet is rolled out when all {@code spec.replicas} (default 1) are ready and, with the
 * {@code RollingUpdate} strategy, updated (all but the {@code partition} ones) with the current revision equal to the
 * update revision. A DaemonSet is rolled out when every pod it should schedule is available and, with
 * {@code RollingUpdate}, updated. With the {@code OnDelete} strategy pods are updated only when someone deletes them,
 * so the update checks are skipped for either kind.
 */
final class ObjectReadiness {

  private static final String NOT_OBSERVED = "its controller has not seen the latest spec yet";

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
    if (group.equals("apps") && kind.equals("StatefulSet")) {
      return statefulSetWaitingFor(live).map(detail -> what + " to be ready (" + detail + ")");
    }
    if (group.equals("apps") && kind.equals("DaemonSet")) {
      return daemonSetWaitingFor(live).map(detail -> what + " to be ready (" + detail + ")");
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

  private static Optional<String> statefulSetWaitingFor(JsonNode statefulSet) {
    if (!Rollouts.observed(statefulSet)) {
      return Optional.of(NOT_OBSERVED);
    }
    JsonNode status = statefulSet.path("status");
    int desired = statefulSet.at("/spec/replicas").asInt(1);
    int ready = status.path("readyReplicas").asInt(0);
    if (!rollingUpdate(statefulSet)) {
      return ready == desired ? Optional.empty() : Optional.of(ready + "/" + desired + " ready");
    }
    // Pods below the partition keep the old revision on purpose (a staged rollout): only the others must update.
    int partition = statefulSet.at("/spec/updateStrategy/rollingUpdate/partition").asInt(0);
    int toUpdate = Math.max(0, desired - partition);
    int updated = status.path("updatedReplicas").asInt(0);
    String currentRevision = status.path("currentRevision").asString("");
    String updateRevision = status.path("updateRevision").asString("");
    boolean revisionRolledOut = partition > 0 || currentRevision.isEmpty() || updateRevision.isEmpty()
        || currentRevision.equals(updateRevision);
    if (ready == desired && updated == toUpdate && revisionRolledOut) {
      return Optional.empty();
    }
    return Optional.of(ready + "/" + desired + " ready, " + updated + "/" + toUpdate + " updated"
        + (revisionRolledOut ? "" : ", revision " + updateRevision + " replacing " + currentRevision));
  }

  private static Optional<String> daemonSetWaitingFor(JsonNode daemonSet) {
    JsonNode status = daemonSet.path("status");
    if (!Rollouts.observed(daemonSet) || !status.has("desiredNumberScheduled")) {
      return Optional.of(NOT_OBSERVED);
    }
    int desired = status.path("desiredNumberScheduled").asInt(0);
    int available = status.path("numberAvailable").asInt(0);
    int updated = status.path("updatedNumberScheduled").asInt(0);
    boolean checkUpdated = rollingUpdate(daemonSet);
    if (available == desired && (!checkUpdated || updated == desired)) {
      return Optional.empty();
    }
    return Optional.of(available + "/" + desired + " available" + (checkUpdated ? ", " + updated + "/" + desired
        + " updated" : ""));
  }

  /** Both StatefulSets and DaemonSets default to {@code RollingUpdate}; the other strategy is {@code OnDelete}. */
  private static boolean rollingUpdate(JsonNode workload) {
    return !"OnDelete".equals(workload.at("/spec/updateStrategy/type").asString(""));
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
