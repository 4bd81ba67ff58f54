package dev.fulcrum.core.render;

/** How much of a cluster to render, following the order of operations (pivot after the first node). */
public enum Stage {
  /**
   * What the management plane applies before the pivot: the Cluster, the infrastructure cluster, the
   * KubeadmControlPlane with one replica and its machine template. No workers, so every Machine has a
   * node when the pivot starts.
   */
  INITIAL,
  /**
   * The desired state the agent reconciles after the pivot: the control plane at its requested size,
   * every worker pool (machine template, bootstrap template, MachineDeployment) and the
   * MachineHealthChecks.
   */
  FULL
}
