package dev.fulcrum.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One stage's objects sorted into the order the agent applies them: other objects, the control plane (its machine
 * template, then the KubeadmControlPlane), then the workers (their templates, then the MachineDeployments) and the
 * MachineHealthChecks. The Cluster and its infrastructure cluster are left out: the pivot moves them in, and the
 * agent neither creates the Cluster nor touches its {@code spec.paused}.
 */
record StageObjects(List<ObjectNode> others, List<ObjectNode> controlPlaneTemplates, Optional<ObjectNode> controlPlane,
    List<ObjectNode> workerTemplates, List<ObjectNode> machineDeployments, List<ObjectNode> healthChecks) {

  static StageObjects of(DesiredSpec.Stage stage) {
    List<ObjectNode> objects = stage.objects();
    Optional<ObjectNode> cluster = objects.stream()
        .filter(o -> CapiKinds.kind(o).equals(CapiKinds.CLUSTER) && CapiKinds.group(o).equals("cluster.x-k8s.io"))
        .findFirst();
    Optional<ObjectNode> controlPlane = ofKind(objects, CapiKinds.KUBEADM_CONTROL_PLANE).stream().findFirst();
    List<ObjectNode> deployments = ofKind(objects, CapiKinds.MACHINE_DEPLOYMENT);
    List<ObjectNode> healthChecks = ofKind(objects, CapiKinds.MACHINE_HEALTH_CHECK);
    List<ObjectNode> others = new ArrayList<>();
    List<ObjectNode> controlPlaneTemplates = new ArrayList<>();
    List<ObjectNode> workerTemplates = new ArrayList<>();
    for (ObjectNode object : objects) {
      if (cluster.isPresent() && (object == cluster.get()
          || CapiKinds.references(cluster.get().at("/spec/infrastructureRef"), object))) {
        continue;
      }
      if (controlPlane.isPresent() && object == controlPlane.get() || deployments.contains(object)
          || healthChecks.contains(object)) {
        continue;
      }
      if (controlPlane.isPresent() && CapiKinds.references(controlPlane.get().at(CapiKinds.KCP_INFRA_REF), object)) {
        controlPlaneTemplates.add(object);
      } else if (deployments.stream().anyMatch(md -> referencedBy(md, object))) {
        workerTemplates.add(object);
      } else {
        others.add(object);
      }
    }
    return new StageObjects(others, controlPlaneTemplates, controlPlane, workerTemplates, deployments, healthChecks);
  }

  /** Whether a MachineDeployment or MachineSet references {@code template}. */
  static boolean referencedBy(JsonNode machineOwner, JsonNode template) {
    return CapiKinds.references(machineOwner.at(CapiKinds.MACHINE_INFRA_REF), template)
        || CapiKinds.references(machineOwner.at(CapiKinds.MACHINE_BOOTSTRAP_REF), template);
  }

  private static List<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
    return objects.stream().filter(o -> CapiKinds.kind(o).equals(kind)).toList();
  }
}
