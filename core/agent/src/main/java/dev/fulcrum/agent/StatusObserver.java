package dev.fulcrum.agent;

import dev.fulcrum.agent.StatusReport.AddonStatus;
import dev.fulcrum.agent.StatusReport.MachineCounts;
import dev.fulcrum.agent.StatusReport.NodeCounts;
import dev.fulcrum.agent.StatusReport.PoolStatus;
import dev.fulcrum.agent.StatusReport.ReplicaStatus;
import dev.fulcrum.agent.StatusReport.StageStatus;
import io.fabric8.kubernetes.api.model.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads the cluster's control plane, pools, Machines and Nodes into a {@link StatusReport}. */
final class StatusObserver {

  private final OwnCluster cluster;

  StatusObserver(OwnCluster cluster) {
    this.cluster = cluster;
  }

  /** The report for a spec (null before any is known) and the last reconcile's outcome; without events. */
  StatusReport observe(DesiredSpec spec, Outcome outcome, String now) {
    List<Node> nodes = cluster.nodes();
    NodeCounts nodeCounts = new NodeCounts(nodes.size(), (int) nodes.stream().filter(StatusObserver::ready).count());
    if (spec == null) {
      return new StatusReport(null, now, outcome.phase(), outcome.message(), null, null, List.of(),
          new MachineCounts(0, 0), nodeCounts, List.of(), List.of());
    }
    List<ObjectNode> machines = cluster.list(CapiKinds.CORE_API, CapiKinds.MACHINE, spec.namespace(),
        SpecReconciler.clusterSelector(spec.clusterName()));
    MachineCounts machineCounts = new MachineCounts(machines.size(),
        (int) machines.stream().filter(m -> "Running".equals(m.at("/status/phase").asString(""))).count());
    StageObjects desired = StageObjects.of(spec.desired());
    ReplicaStatus controlPlane = desired.controlPlane().flatMap(cluster::get).map(StatusObserver::controlPlane)
        .orElse(null);
    List<PoolStatus> pools = new ArrayList<>();
    for (ObjectNode deployment : desired.machineDeployments()) {
      Optional<ObjectNode> live = cluster.get(deployment);
      String pool = SpecReconciler.poolName(deployment);
      pools.add(live.map(md -> pool(pool, md, machines)).orElse(new PoolStatus(pool, 0, 0, 0, null)));
    }
    int index = Math.max(0, outcome.stageIndex());
    StageStatus stage = new StageStatus(index, spec.stages().size(), spec.stages().get(index).kubernetesVersion());
    return new StatusReport(spec.version(), now, outcome.phase(), outcome.message(), stage, controlPlane, pools,
        machineCounts, nodeCounts, addons(spec, outcome), List.of());
  }

  /** The layers as the last reconcile left them; all pending before it reached add-ons. */
  private static List<AddonStatus> addons(DesiredSpec spec, Outcome outcome) {
    return outcome.addons().isEmpty() ? AddonInstaller.pending(spec, "waiting for the agent to reconcile")
        : outcome.addons();
  }

  private static ReplicaStatus controlPlane(JsonNode kcp) {
    String version = Rollouts.controlPlaneVersion(kcp);
    return new ReplicaStatus(kcp.at("/spec/replicas").asInt(1), kcp.at("/status/readyReplicas").asInt(0),
        kcp.at("/status/upToDateReplicas").asInt(0), version.isEmpty() ? null : version);
  }

  /** A pool's counts; its version is the one its Machines run, the lowest while they differ. */
  private static PoolStatus pool(String name, JsonNode deployment, List<ObjectNode> machines) {
    TreeSet<KubeVersion> versions = new TreeSet<>();
    for (ObjectNode machine : machines) {
      if (name.equals(machine.at("/metadata/labels").path(CapiKinds.POOL_LABEL).asString(""))) {
        KubeVersion.parse(machine.at("/spec/version").asString("")).ifPresent(versions::add);
      }
    }
    String version = versions.isEmpty() ? null : versions.first().toString();
    return new PoolStatus(name, deployment.at("/spec/replicas").asInt(1), deployment.at("/status/readyReplicas")
        .asInt(0), deployment.at("/status/upToDateReplicas").asInt(0), version);
  }

  private static boolean ready(Node node) {
    return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions()
        .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
