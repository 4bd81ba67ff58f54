package dev.fulcrum.core.render;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The Cluster API types the core renders and reads, at the versions the current contract serves and
 * stores (see capi-contracts §1 and §7): {@code v1beta2} for core, kubeadm bootstrap and control
 * plane.
 */
public final class CapiTypes {
  public static final String CORE_GROUP = "cluster.x-k8s.io";
  public static final String CONTROL_PLANE_GROUP = "controlplane.cluster.x-k8s.io";
  public static final String BOOTSTRAP_GROUP = "bootstrap.cluster.x-k8s.io";
  public static final String VERSION = "v1beta2";

  public static final String CORE_API = CORE_GROUP + "/" + VERSION;
  public static final String CONTROL_PLANE_API = CONTROL_PLANE_GROUP + "/" + VERSION;
  public static final String BOOTSTRAP_API = BOOTSTRAP_GROUP + "/" + VERSION;

  public static final String CLUSTER = "Cluster";
  public static final String MACHINE = "Machine";
  public static final String KUBEADM_CONTROL_PLANE = "KubeadmControlPlane";
  public static final String KUBEADM_CONFIG_TEMPLATE = "KubeadmConfigTemplate";
  public static final String MACHINE_DEPLOYMENT = "MachineDeployment";
  public static final String MACHINE_HEALTH_CHECK = "MachineHealthCheck";

  private CapiTypes() {}

  /** A namespaced Cluster API core kind, as fabric8's generic resources address it. */
  public static ResourceDefinitionContext coreResource(String kind, String plural) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(CORE_GROUP)
        .withVersion(VERSION)
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }

  /** The Cluster API {@code Cluster} kind. */
  public static ResourceDefinitionContext clusters() {
    return coreResource(CLUSTER, "clusters");
  }
}
