package dev.fulcrum.agent;

import dev.fulcrum.agent.StatusReport.Phase;
import dev.fulcrum.core.kube.KubeTrees;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Brings the cluster's own CAPI objects to a desired spec, one stage at a time: the control plane first, the worker
 * pools and health checks once the control plane is rolled out at the stage's version, the next stage once every
 * pool is rolled out too. Then prunes what the spec no longer holds. Each call does what can be done now and says
 * what it waits for; calling it again continues.
 *
 * <p>Add-on layers (step 6, {@link AddonInstaller}) start once the last stage's control plane is rolled out: every
 * control-plane machine ready at the desired version, so that add-ons never land while the control plane still
 * scales out from the one machine the pivot left. They do not wait for the worker pools, which keep being
 * reconciled alongside: a real cluster's nodes only become Ready once the CNI layer is installed. The cluster is
 * {@code Ready} when every Machine runs and every layer is installed.
 */
final class SpecReconciler {

  private static final Logger LOG = LoggerFactory.getLogger(SpecReconciler.class);
  private static final String WAITING_FOR_CONTROL_PLANE = "waiting for the control plane to be rolled out";

  private final OwnCluster cluster;
  private final AddonInstaller addons;

  SpecReconciler(OwnCluster cluster, AddonInstaller addons) {
    this.cluster = cluster;
    this.addons = addons;
  }

  Outcome reconcile(DesiredSpec spec) {
    if (spec.deleting()) {
      return new Outcome(Phase.RELEASED, "the cluster is being deleted; the agent has stopped acting", -1);
    }
    Machines machines = reconcileMachines(spec);
    if (!machines.controlPlaneReady()) {
      return machines.outcome().withAddons(AddonInstaller.pending(spec, WAITING_FOR_CONTROL_PLANE));
    }
    return withAddons(machines.outcome(),
        addons.reconcile(spec, new ObjectLabels(spec.project(), spec.clusterName())));
  }

  /** The machines' outcome, and whether the last stage's control plane is rolled out (add-ons may start). */
  private record Machines(Outcome outcome, boolean controlPlaneReady) {}

  private Machines reconcileMachines(DesiredSpec spec) {
    String clusterKey = spec.namespace() + "/" + spec.clusterName();
    Optional<ObjectNode> capiCluster = cluster.get(CapiKinds.CORE_API, CapiKinds.CLUSTER, spec.namespace(),
        spec.clusterName());
    if (capiCluster.isEmpty()) {
      return new Machines(Outcome.waiting("waiting for Cluster " + clusterKey + " to be moved into this cluster"),
          false);
    }
    if (capiCluster.get().at("/spec/paused").asBoolean(false)) {
      return new Machines(Outcome.waiting("Cluster " + clusterKey + " is paused (a move is in progress)"), false);
    }
    ObjectLabels labels = new ObjectLabels(spec.project(), spec.clusterName());
    List<DesiredSpec.Stage> stages = spec.stages();
    int last = stages.size() - 1;
    for (int index = 0; index <= last; index++) {
      DesiredSpec.Stage stage = stages.get(index);
      StageObjects objects = StageObjects.of(stage);
      if (index < last && reached(objects, stage.kubernetesVersion())) {
        continue;
      }
      Optional<Wait> waiting = applyStage(objects, stage.kubernetesVersion(), labels);
      new Pruner(cluster, labels).prune(spec, index);
      if (waiting.isPresent()) {
        boolean upgrading = index < last || waiting.get().upgrading();
        return new Machines(new Outcome(upgrading ? Phase.UPGRADING : Phase.RECONCILING, waiting.get().message(),
            index), index == last && waiting.get().controlPlaneReady());
      }
    }
    List<ObjectNode> machines = cluster.list(CapiKinds.CORE_API, CapiKinds.MACHINE, spec.namespace(),
        clusterSelector(spec.clusterName()));
    long running = machines.stream().filter(m -> "Running".equals(m.at("/status/phase").asString(""))).count();
    if (running < machines.size()) {
      return new Machines(new Outcome(Phase.RECONCILING, "waiting for Machines: " + running + "/" + machines.size()
          + " Running", last), true);
    }
    return new Machines(new Outcome(Phase.READY, "spec " + spec.version() + " applied", last), true);
  }

  /** The machines' outcome combined with the add-ons': Ready only when both are. */
  private static Outcome withAddons(Outcome machines, AddonInstaller.Progress progress) {
    Optional<StatusReport.AddonStatus> blocking = progress.blocking();
    if (machines.phase() != Phase.READY) {
      String message = blocking.map(layer -> machines.message() + "; " + describe(layer)).orElse(machines.message());
      return new Outcome(machines.phase(), message, machines.stageIndex(), progress.layers());
    }
    if (blocking.isPresent()) {
      return new Outcome(Phase.RECONCILING, describe(blocking.get()), machines.stageIndex(), progress.layers());
    }
    List<String> drifted = progress.layers().stream()
        .filter(layer -> layer.state() == StatusReport.LayerState.DRIFTED).map(StatusReport.AddonStatus::id).toList();
    String message = drifted.isEmpty() ? machines.message()
        : machines.message() + "; drift reported in add-on layer(s) " + String.join(", ", drifted);
    return new Outcome(Phase.READY, message, machines.stageIndex(), progress.layers());
  }

  private static String describe(StatusReport.AddonStatus layer) {
    return layer.state() == StatusReport.LayerState.FAILED
        ? "add-on layer " + layer.id() + " failed: " + layer.message()
        : "installing add-on layer " + layer.id() + (layer.message().isEmpty() ? "" : ": " + layer.message());
  }

  /** What a stage waits for; {@code upgrading} when a version change is rolling out. */
  private record Wait(String message, boolean upgrading, boolean controlPlaneReady) {}

  /** Applies a stage as far as the cluster allows now; what it waits for, or empty when the stage is complete. */
  private Optional<Wait> applyStage(StageObjects objects, String version, ObjectLabels labels) {
    objects.others().forEach(object -> apply(object, labels));
    objects.controlPlaneTemplates().forEach(object -> apply(object, labels));
    if (objects.controlPlane().isPresent()) {
      ObjectNode kcp = apply(objects.controlPlane().get(), labels);
      if (!Rollouts.controlPlaneRolledOut(kcp, version)) {
        String current = Rollouts.controlPlaneVersion(kcp);
        boolean upgrading = !current.isEmpty() && !current.equals(version);
        return Optional.of(new Wait(controlPlaneProgress(kcp, version, upgrading), upgrading, false));
      }
    }
    objects.workerTemplates().forEach(object -> apply(object, labels));
    List<String> pools = new ArrayList<>();
    boolean upgrading = false;
    for (ObjectNode deployment : objects.machineDeployments()) {
      ObjectNode live = apply(deployment, labels);
      if (!Rollouts.poolRolledOut(live)) {
        pools.add(poolProgress(live));
        upgrading |= live.at("/status/upToDateReplicas").asInt(0) < live.at("/status/replicas").asInt(0);
      }
    }
    objects.healthChecks().forEach(object -> apply(object, labels));
    return pools.isEmpty() ? Optional.empty()
        : Optional.of(new Wait("waiting for " + String.join(", ", pools), upgrading, true));
  }

  /** Whether the cluster is at this stage's version or past it: control plane and every pool rolled out. */
  private boolean reached(StageObjects objects, String version) {
    if (objects.controlPlane().isPresent()) {
      Optional<ObjectNode> kcp = cluster.get(objects.controlPlane().get());
      if (kcp.isEmpty()) {
        return false;
      }
      String applied = kcp.get().at("/spec/version").asString("");
      if (!past(applied, version) && (!KubeVersion.atLeast(Rollouts.controlPlaneVersion(kcp.get()), version)
          || !Rollouts.controlPlaneRolledOut(kcp.get(), Rollouts.controlPlaneVersion(kcp.get())))) {
        return false;
      }
    }
    for (ObjectNode deployment : objects.machineDeployments()) {
      Optional<ObjectNode> live = cluster.get(deployment);
      if (live.isEmpty()) {
        return false;
      }
      String applied = live.get().at("/spec/template/spec/version").asString("");
      if (!past(applied, version) && (!applied.equals(version) || !Rollouts.poolRolledOut(live.get()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a later stage's version is applied already: the object is past this stage even while it rolls out, and
   * applying this stage again would send it back a version.
   */
  private static boolean past(String applied, String stageVersion) {
    return !applied.equals(stageVersion) && KubeVersion.atLeast(applied, stageVersion);
  }

  private ObjectNode apply(ObjectNode desired, ObjectLabels labels) {
    Optional<ObjectNode> before = cluster.get(desired);
    ObjectNode applied = cluster.apply(labels.stamp(desired));
    logChange(desired, before, applied);
    return applied;
  }

  private static void logChange(JsonNode desired, Optional<ObjectNode> before, JsonNode applied) {
    String what = KubeTrees.describe(desired);
    if (before.isEmpty()) {
      LOG.info("created {}", what);
      return;
    }
    JsonNode old = before.get();
    if (old.at("/metadata/generation").asLong() == applied.at("/metadata/generation").asLong()) {
      return;
    }
    String oldVersion = versionOf(old);
    String newVersion = versionOf(applied);
    if (!oldVersion.equals(newVersion)) {
      LOG.info("upgrading {} to {}", what, newVersion);
    }
    int oldReplicas = old.at("/spec/replicas").asInt(-1);
    int newReplicas = applied.at("/spec/replicas").asInt(-1);
    if (oldReplicas != newReplicas) {
      LOG.info("scaling {} from {} to {} replicas", what, oldReplicas, newReplicas);
    }
    if (oldVersion.equals(newVersion) && oldReplicas == newReplicas) {
      LOG.info("updated {}", what);
    }
  }

  private static String versionOf(JsonNode object) {
    JsonNode version = object.at("/spec/version");
    return (version.isMissingNode() ? object.at("/spec/template/spec/version") : version).asString("");
  }

  private static String controlPlaneProgress(JsonNode kcp, String version, boolean upgrading) {
    JsonNode status = kcp.path("status");
    String action = upgrading ? "upgrading to " + version : "scaling";
    return "waiting for the control plane (" + action + "): " + status.path("readyReplicas").asInt(0) + "/"
        + kcp.at("/spec/replicas").asInt(1) + " ready, " + status.path("upToDateReplicas").asInt(0)
        + " up to date at " + version;
  }

  private static String poolProgress(JsonNode deployment) {
    JsonNode status = deployment.path("status");
    return "MachineDeployment " + CapiKinds.name(deployment) + ": " + status.path("readyReplicas").asInt(0) + "/"
        + deployment.at("/spec/replicas").asInt(1) + " ready, " + status.path("upToDateReplicas").asInt(0)
        + " up to date";
  }

  /** The worker pool a MachineDeployment runs: the pool label of its selector, else its name. */
  static String poolName(JsonNode deployment) {
    return deployment.at("/spec/selector/matchLabels").path(CapiKinds.POOL_LABEL).asString(CapiKinds.name(deployment));
  }

  /** Labels selecting a cluster's CAPI objects. */
  static Map<String, String> clusterSelector(String clusterName) {
    return Map.of("cluster.x-k8s.io/cluster-name", clusterName);
  }
}
