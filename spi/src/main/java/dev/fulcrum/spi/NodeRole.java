package dev.fulcrum.spi;

/** What a pool of nodes is for; providers often configure control-plane machines differently. */
public enum NodeRole {
  /** Machines of the KubeadmControlPlane. */
  CONTROL_PLANE,
  /** Machines of a worker MachineDeployment. */
  WORKER
}
