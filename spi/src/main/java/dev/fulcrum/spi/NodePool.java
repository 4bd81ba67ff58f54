package dev.fulcrum.spi;

import java.util.Objects;

/**
 * A set of identical machines: the control plane ({@code spec.controlPlane}, named
 * {@value #CONTROL_PLANE_NAME}) or one worker pool ({@code spec.workerPools[i]}).
 *
 * @param name the pool name; {@value #CONTROL_PLANE_NAME} for the control plane
 * @param role control plane or worker
 * @param replicas the desired machine count
 * @param machine the provider's machine settings (schema: the descriptor's machine schema)
 * @param path the request path of this pool, e.g. {@code spec.workerPools[1]}, for field errors
 */
public record NodePool(String name, NodeRole role, int replicas, Settings machine, String path) {
  /** The name of the control-plane pool. */
  public static final String CONTROL_PLANE_NAME = "control-plane";

  public NodePool {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(path, "path");
    machine = machine == null ? Settings.EMPTY : machine;
  }
}
