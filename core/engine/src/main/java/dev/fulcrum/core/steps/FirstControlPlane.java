package dev.fulcrum.core.steps;

import dev.fulcrum.core.kube.KubeTrees;
import dev.fulcrum.core.render.CapiTypes;
import dev.fulcrum.core.render.Labels;
import dev.fulcrum.spi.ClusterRequest;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Step 3, first control plane: Cluster API and the infrastructure provider create the first
 * control-plane node (CP-A). The step only watches; it is done when
 *
 * <ol>
 *   <li>the Cluster's {@code ControlPlaneInitialized} condition is true,
 *   <li>the control plane's first Machine is {@code Running} with a {@code nodeRef}, and
 *   <li>the {@code <cluster>-kubeconfig} Secret exists.
 * </ol>
 *
 * <p>Until then it reports what it is waiting for. It reads Cluster API's objects through the
 * contract only (capi-contracts §2, §4), so any conforming CAPI installation satisfies it.
 */
public final class FirstControlPlane extends Step {
  public static final String NAME = "FirstControlPlane";
  public static final String CONDITION = "FirstControlPlaneReady";

  private static final String CONTROL_PLANE_INITIALIZED = "ControlPlaneInitialized";
  private static final String RUNNING = "Running";

  private final KubernetesClient client;
  private final PivotMarks marks;

  public FirstControlPlane(KubernetesClient client, PivotMarks marks) {
    super(NAME, CONDITION, "wait for Cluster API to bring up the first control-plane node");
    this.client = client;
    this.marks = marks;
  }

  @Override
  public StepOutcome reconcile(WorkloadClusterState state) {
    ClusterRequest request = state.request();
    String namespace = request.namespace();
    if (marks.isPivoted(namespace)) {
      return StepOutcome.done("Pivoted", "the cluster holds its own Cluster API objects since the pivot");
    }
    Optional<ObjectNode> cluster =
        Optional.ofNullable(
            KubeTrees.tree(
                client.genericKubernetesResources(CapiTypes.clusters())
                    .inNamespace(namespace)
                    .withName(request.name())
                    .get()));
    if (cluster.isEmpty()) {
      return StepOutcome.waiting("WaitingForCluster", "Cluster " + namespace + "/" + request.name() + " does not exist yet");
    }
    if (!controlPlaneInitialized(cluster.get())) {
      return StepOutcome.waiting(
          "WaitingForControlPlaneInitialized",
          "Cluster " + namespace + "/" + request.name() + ": " + describeCondition(cluster.get(), CONTROL_PLANE_INITIALIZED));
    }
    Optional<ObjectNode> machine = firstControlPlaneMachine(namespace, cluster.get());
    if (machine.isEmpty()) {
      return StepOutcome.waiting("WaitingForMachine", "the control plane has no Machine yet");
    }
    String machineName = machine.get().at("/metadata/name").asString();
    String phase = machine.get().at("/status/phase").asString("Pending");
    String node = machine.get().at("/status/nodeRef/name").asString("");
    if (!RUNNING.equals(phase) || node.isEmpty()) {
      return StepOutcome.waiting(
          "WaitingForNode",
          "Machine " + machineName + " is " + phase + (node.isEmpty() ? " and has no node yet" : " on node " + node));
    }
    String kubeconfig = request.name() + "-kubeconfig";
    if (client.secrets().inNamespace(namespace).withName(kubeconfig).get() == null) {
      return StepOutcome.waiting("WaitingForKubeconfig", "Secret " + namespace + "/" + kubeconfig + " does not exist yet");
    }
    return StepOutcome.done(
        "ControlPlaneReady",
        "Machine " + machineName + " is Running as node " + node + "; kubeconfig in Secret " + namespace + "/" + kubeconfig);
  }

  /** The v1beta2 condition, or the initialization flag that feeds it. */
  private static boolean controlPlaneInitialized(JsonNode cluster) {
    return condition(cluster, CONTROL_PLANE_INITIALIZED).map(c -> "True".equals(c.path("status").asString())).orElse(false)
        || cluster.at("/status/initialization/controlPlaneInitialized").asBoolean(false);
  }

  private static String describeCondition(JsonNode cluster, String type) {
    return condition(cluster, type)
        .map(
            c ->
                "condition " + type + " is " + c.path("status").asString("Unknown")
                    + (c.path("reason").asString("").isEmpty() ? "" : " (" + c.path("reason").asString() + ")"))
        .orElse("condition " + type + " is not reported yet");
  }

  private static Optional<JsonNode> condition(JsonNode object, String type) {
    for (JsonNode condition : object.at("/status/conditions")) {
      if (type.equals(condition.path("type").asString())) {
        return Optional.of(condition);
      }
    }
    return Optional.empty();
  }

  /** The oldest Machine owned by the control plane the Cluster references. */
  private Optional<ObjectNode> firstControlPlaneMachine(String namespace, JsonNode cluster) {
    String controlPlaneKind = cluster.at("/spec/controlPlaneRef/kind").asString("");
    String controlPlaneName = cluster.at("/spec/controlPlaneRef/name").asString("");
    List<ObjectNode> machines =
        client.genericKubernetesResources(CapiTypes.coreResource(CapiTypes.MACHINE, "machines"))
            .inNamespace(namespace)
            .withLabel(Labels.CLUSTER_NAME, cluster.at("/metadata/name").asString())
            .withLabel(Labels.CONTROL_PLANE)
            .list()
            .getItems()
            .stream()
            .map(KubeTrees::tree)
            .filter(machine -> ownedBy(machine, controlPlaneKind, controlPlaneName))
            .sorted(
                Comparator.comparing((ObjectNode machine) -> machine.at("/metadata/creationTimestamp").asString(""))
                    .thenComparing(machine -> machine.at("/metadata/name").asString("")))
            .toList();
    return machines.stream().findFirst();
  }

  private static boolean ownedBy(JsonNode object, String kind, String name) {
    for (JsonNode owner : object.at("/metadata/ownerReferences")) {
      if (kind.equals(owner.path("kind").asString()) && name.equals(owner.path("name").asString())) {
        return true;
      }
    }
    return false;
  }
}
