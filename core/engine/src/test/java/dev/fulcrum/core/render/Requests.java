package dev.fulcrum.core.render;

import dev.fulcrum.spi.ClusterNetwork;
import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.NodePool;
import dev.fulcrum.spi.NodeRole;
import dev.fulcrum.spi.Settings;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Cluster requests for renderer tests. */
final class Requests {
  static final String SSH_KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHMl54/bqRvytYn/ABV0rGlJG66kbMS6WWDMV6XjLj3J ops@example.com";

  private Requests() {}

  /** Cluster {@code edge} with 3 control-plane nodes and the pools {@code general} (2) and {@code gpu} (0). */
  static ClusterRequest sample() {
    return withWorkers(
        List.of(worker(0, "general", 2, Map.of("cpus", 4)), worker(1, "gpu", 0, Map.of("cpus", 16))));
  }

  static ClusterRequest withWorkers(List<NodePool> workers) {
    return new ClusterRequest(
        "edge",
        "team-a",
        "team-a--edge",
        "test",
        "v1.33.4",
        Optional.empty(),
        new NodePool(NodePool.CONTROL_PLANE_NAME, NodeRole.CONTROL_PLANE, 3, new Settings(Map.of("cpus", 2)), "spec.controlPlane"),
        workers,
        new ClusterNetwork(List.of("192.168.0.0/16"), List.of("10.96.0.0/12"), "cluster.local"),
        List.of(SSH_KEY),
        new Settings(Map.of("region", "north")));
  }

  static NodePool worker(int index, String name, int replicas, Map<String, Object> machine) {
    return new NodePool(name, NodeRole.WORKER, replicas, new Settings(machine), "spec.workerPools[" + index + "]");
  }
}
