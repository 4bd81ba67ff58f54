package dev.fulcrum.sandbox.capi;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each simulated provisioning step takes once it may start. Each delay is counted from the moment the
 * step's preconditions hold (as a real controller's requeue timer would), so a restarted simulator waits again.
 *
 * @param infrastructureCluster from an infrastructure cluster being adopted by its Cluster to it being provisioned
 *     (load balancer, network) with a control-plane endpoint
 * @param bootstrapData from a KubeadmConfig being allowed to proceed (cluster infrastructure ready; for joins, the
 *     control plane initialized) to its bootstrap data Secret existing
 * @param machine from an infrastructure machine having its bootstrap data to it being provisioned (the VM exists,
 *     with a provider ID)
 * @param node from an infrastructure machine being provisioned to its Node registering in the workload cluster
 * @param nodeUnhealthy for a machine injected with {@link MachineFailure#NODE_UNHEALTHY}: from its Node registering
 *     to the Node turning {@code Ready=False}; for a Node annotated {@code sandbox.fulcrum.dev/kubelet: stopped}: from
 *     the annotation being seen to the Node's conditions turning {@code Unknown}
 */
public record Delays(
    Duration infrastructureCluster, Duration bootstrapData, Duration machine, Duration node,
    Duration nodeUnhealthy) {

  public Delays {
    requireNonNegative(infrastructureCluster, "infrastructureCluster");
    requireNonNegative(bootstrapData, "bootstrapData");
    requireNonNegative(machine, "machine");
    requireNonNegative(node, "node");
    requireNonNegative(nodeUnhealthy, "nodeUnhealthy");
  }

  /** No waiting at all: every step happens as soon as it may (tests). */
  public static Delays none() {
    return new Delays(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
  }

  /** Short, visible steps for a demo: a control-plane machine is Running in about two seconds. */
  public static Delays demo() {
    return new Delays(Duration.ofMillis(500), Duration.ofMillis(200), Duration.ofMillis(800), Duration.ofMillis(800),
        Duration.ofSeconds(5));
  }

  private static void requireNonNegative(Duration delay, String name) {
    Objects.requireNonNull(delay, name);
    if (delay.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + delay);
    }
  }
}
