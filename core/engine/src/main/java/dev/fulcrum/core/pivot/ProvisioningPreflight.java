package dev.fulcrum.core.pivot;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code checkProvisioningCompleted} (capi-contracts §5.3 step 3): a Cluster must have its infrastructure provisioned
 * and its control plane initialized, and every Machine must have a node. Moving earlier would hand the target
 * controllers objects whose status they cannot rebuild.
 */
final class ProvisioningPreflight {
  private ProvisioningPreflight() {}

  /** Every violation among the objects, each naming its object. */
  static List<String> violations(List<SourceObject> objects) {
    List<String> violations = new ArrayList<>();
    for (SourceObject object : objects) {
      JsonNode tree = object.object();
      if (Clusterctl.isCluster(object.type())) {
        if (!tree.at("/status/initialization/infrastructureProvisioned").asBoolean(false)) {
          violations.add(object.describe() + ": status.initialization.infrastructureProvisioned is not true");
        }
        if (!conditionTrue(tree, "ControlPlaneInitialized")) {
          violations.add(object.describe() + ": condition ControlPlaneInitialized is not True");
        }
        if (!tree.at("/spec/controlPlaneRef").isMissingNode()
            && !tree.at("/status/initialization/controlPlaneInitialized").asBoolean(false)) {
          violations.add(object.describe() + ": status.initialization.controlPlaneInitialized is not true");
        }
      } else if (Clusterctl.isMachine(object.type()) && tree.at("/status/nodeRef/name").asString("").isEmpty()) {
        violations.add(object.describe() + ": status.nodeRef is not set (its node has not joined yet)");
      }
    }
    return violations;
  }

  private static boolean conditionTrue(JsonNode object, String type) {
    for (JsonNode condition : object.at("/status/conditions")) {
      if (type.equals(condition.path("type").asString("")) && "True".equals(condition.path("status").asString(""))) {
        return true;
      }
    }
    return false;
  }
}
