package dev.fulcrum.core.render;

/** Label keys the core puts on rendered objects and selects machines by. */
public final class Labels {
  /** Cluster API's label naming the cluster an object belongs to (clusterctl move relies on it). */
  public static final String CLUSTER_NAME = "cluster.x-k8s.io/cluster-name";

  /** Cluster API's label on control-plane machines (value empty). */
  public static final String CONTROL_PLANE = "cluster.x-k8s.io/control-plane";

  /** The standard Kubernetes label naming the tool that manages an object. */
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  /** {@link #MANAGED_BY}'s value for everything Fulcrum renders. */
  public static final String MANAGED_BY_FULCRUM = "fulcrum";

  /** The worker pool a MachineDeployment's machines belong to (MachineHealthChecks select by it). */
  public static final String POOL = "fulcrum.dev/pool";

  /** On a cluster's Cluster API namespace: the project its WorkloadCluster belongs to. */
  public static final String PROJECT = "fulcrum.dev/project";

  /** On a cluster's Cluster API namespace and on its events: the WorkloadCluster's name. */
  public static final String CLUSTER = "fulcrum.dev/cluster";

  private Labels() {}
}
