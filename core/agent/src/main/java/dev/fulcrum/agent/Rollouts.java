package dev.fulcrum.agent;

import tools.jackson.databind.JsonNode;

/** Whether a KubeadmControlPlane or MachineDeployment, as stored, has reached what its spec asks. */
final class Rollouts {

  private Rollouts() {}

  /** The controller has seen the latest spec. */
  static boolean observed(JsonNode object) {
    return object.at("/status/observedGeneration").asLong(-1) >= object.at("/metadata/generation").asLong(0);
  }

  /** The version every control-plane machine runs, or empty while they differ (or before there is one). */
  static String controlPlaneVersion(JsonNode kcp) {
    String version = kcp.at("/status/version").asString("");
    JsonNode versions = kcp.at("/status/versions");
    if (version.isEmpty() && versions.size() == 1) {
      version = versions.get(0).path("version").asString("");
    }
    return versions.size() > 1 ? "" : version;
  }

  /** Every control-plane machine is ready and up to date at {@code version}, as many as desired. */
  static boolean controlPlaneRolledOut(JsonNode kcp, String version) {
    int desired = kcp.at("/spec/replicas").asInt(1);
    return observed(kcp) && version.equals(controlPlaneVersion(kcp)) && replicasSettled(kcp, desired);
  }

  /** Every machine of the MachineDeployment is ready and up to date, as many as desired. */
  static boolean poolRolledOut(JsonNode machineDeployment) {
    return observed(machineDeployment)
        && replicasSettled(machineDeployment, machineDeployment.at("/spec/replicas").asInt(1));
  }

  private static boolean replicasSettled(JsonNode object, int desired) {
    JsonNode status = object.path("status");
    return status.path("replicas").asInt(-1) == desired && status.path("readyReplicas").asInt(-1) == desired
        && status.path("upToDateReplicas").asInt(-1) == desired;
  }
}
