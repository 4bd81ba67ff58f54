package dev.fulcrum.agent;

import tools.jackson.databind.JsonNode;

/** The Cluster API kinds and fields the agent reads, at the storage version it renders (v1beta2). */
final class CapiKinds {

  static final String CORE_API = "cluster.x-k8s.io/v1beta2";
  static final String CLUSTER = "Cluster";
  static final String MACHINE = "Machine";
  static final String MACHINE_SET = "MachineSet";
  static final String MACHINE_DEPLOYMENT = "MachineDeployment";
  static final String MACHINE_HEALTH_CHECK = "MachineHealthCheck";
  static final String KUBEADM_CONTROL_PLANE = "KubeadmControlPlane";

  /** The label on a Machine naming its pool (Fulcrum's MachineDeployment selectors carry it). */
  static final String POOL_LABEL = "fulcrum.dev/pool";

  /** Where each kind that references templates points at them. */
  static final String KCP_INFRA_REF = "/spec/machineTemplate/spec/infrastructureRef";
  static final String MACHINE_INFRA_REF = "/spec/template/spec/infrastructureRef";
  static final String MACHINE_BOOTSTRAP_REF = "/spec/template/spec/bootstrap/configRef";

  private CapiKinds() {}

  static String kind(JsonNode object) {
    return object.path("kind").asString("");
  }

  static String name(JsonNode object) {
    return object.at("/metadata/name").asString("");
  }

  static String group(JsonNode object) {
    String apiVersion = object.path("apiVersion").asString("");
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** Whether a {apiGroup, kind, name} reference points at {@code object}. */
  static boolean references(JsonNode ref, JsonNode object) {
    return !ref.isMissingNode() && ref.path("kind").asString("").equals(kind(object))
        && ref.path("name").asString("").equals(name(object))
        && ref.path("apiGroup").asString(group(object)).equals(group(object));
  }

  /** The status of a condition ({@code True}, {@code False}, {@code Unknown}), or empty when absent. */
  static String condition(JsonNode object, String type) {
    for (JsonNode condition : object.at("/status/conditions")) {
      if (type.equals(condition.path("type").asString(""))) {
        return condition.path("status").asString("");
      }
    }
    return "";
  }
}
