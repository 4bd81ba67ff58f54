package dev.fulcrum.core.render;

/**
 * The Cluster API types the core renders, at the versions the current contract serves and stores
 * (see capi-contracts §1 and §7): {@code v1beta2} for core, kubeadm bootstrap and control plane.
 */
final class CapiTypes {
  static final String CORE_GROUP = "cluster.x-k8s.io";
  static final String CONTROL_PLANE_GROUP = "controlplane.cluster.x-k8s.io";
  static final String BOOTSTRAP_GROUP = "bootstrap.cluster.x-k8s.io";
  private static final String VERSION = "v1beta2";

  static final String CORE_API = CORE_GROUP + "/" + VERSION;
  static final String CONTROL_PLANE_API = CONTROL_PLANE_GROUP + "/" + VERSION;
  static final String BOOTSTRAP_API = BOOTSTRAP_GROUP + "/" + VERSION;

  static final String CLUSTER = "Cluster";
  static final String KUBEADM_CONTROL_PLANE = "KubeadmControlPlane";
  static final String KUBEADM_CONFIG_TEMPLATE = "KubeadmConfigTemplate";
  static final String MACHINE_DEPLOYMENT = "MachineDeployment";
  static final String MACHINE_HEALTH_CHECK = "MachineHealthCheck";

  private CapiTypes() {}
}
