package dev.fulcrum.agent;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * What the agent reports to the management plane ({@code POST /api/v1/agent/status}).
 *
 * @param observedVersion the spec version acted on; null before any spec is known
 * @param reportedAt ISO-8601 instant
 * @param phase where the cluster stands
 * @param message a human-readable summary of what the agent does or waits for
 * @param stage the upgrade stage being worked on; null without a spec
 * @param controlPlane the KubeadmControlPlane's replicas; null until it exists
 * @param workerPools each MachineDeployment of the desired state, by pool name
 * @param machines the cluster's Machines
 * @param nodes the cluster's Nodes
 * @param addons each add-on layer of the spec, in apply order
 * @param events what happened since the last report that reached the management plane, oldest first
 */
public record StatusReport(String observedVersion, String reportedAt, Phase phase, String message, StageStatus stage,
    ReplicaStatus controlPlane, List<PoolStatus> workerPools, MachineCounts machines, NodeCounts nodes,
    List<AddonStatus> addons, List<AgentEvent> events) {

  public StatusReport {
    workerPools = List.copyOf(workerPools);
    addons = List.copyOf(addons);
    events = List.copyOf(events);
  }

  /** The report with other events. */
  public StatusReport withEvents(List<AgentEvent> newEvents, String at) {
    return new StatusReport(observedVersion, at, phase, message, stage, controlPlane, workerPools, machines, nodes,
        addons, newEvents);
  }

  /** The cluster's phase as the agent sees it. */
  public enum Phase {
    /** Nothing to act on yet: no spec, or the Cluster is absent or paused (pivot in progress). */
    WAITING("Waiting"),
    /** Applying the desired state or waiting for it to be reached (scaling). */
    RECONCILING("Reconciling"),
    /** Rolling the cluster to another Kubernetes version. */
    UPGRADING("Upgrading"),
    /** The latest spec is fully applied and every Machine is Running. */
    READY("Ready"),
    /** The spec says the cluster is being deleted; the agent has stopped acting. */
    RELEASED("Released"),
    /** The spec cannot be applied; the message says why. */
    FAILED("Failed");

    private final String wireName;

    Phase(String wireName) {
      this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
      return wireName;
    }
  }

  /**
   * Where one add-on layer stands.
   *
   * @param id the layer's id, {@code <profile>.<layer>}
   * @param state where it stands
   * @param message what it waits for, why it failed, or which objects drifted; empty when ready
   * @param objects how many objects the layer holds
   */
  public record AddonStatus(String id, LayerState state, String message, int objects) {}

  /** The state of an add-on layer. */
  public enum LayerState {
    /** Not started: the control plane or an earlier layer is not ready yet. */
    PENDING("Pending"),
    /** Applied, or being applied; waiting for its objects to be ready. */
    APPLYING("Applying"),
    /** Every object applied and ready. */
    READY("Ready"),
    /** Could not be applied or did not become ready in time; retried with back-off. */
    FAILED("Failed"),
    /** Installed, but objects were changed or deleted by hand and the layer's profile says to report it only. */
    DRIFTED("Drifted");

    private final String wireName;

    LayerState(String wireName) {
      this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
      return wireName;
    }

    /** Whether later layers may go ahead: the layer is installed (a reported drift does not hold them up). */
    public boolean installed() {
      return this == READY || this == DRIFTED;
    }
  }

  /** The stage being worked on: {@code index} of {@code count}. */
  public record StageStatus(int index, int count, String kubernetesVersion) {}

  /** Replica counts and version of the control plane. */
  public record ReplicaStatus(int replicas, int readyReplicas, int upToDateReplicas, String version) {}

  /** Replica counts and version of one worker pool (its MachineDeployment). */
  public record PoolStatus(String name, int replicas, int readyReplicas, int upToDateReplicas, String version) {}

  /** How many Machines there are and how many are Running. */
  public record MachineCounts(int total, int running) {}

  /** How many Nodes there are and how many are Ready. */
  public record NodeCounts(int total, int ready) {}
}
