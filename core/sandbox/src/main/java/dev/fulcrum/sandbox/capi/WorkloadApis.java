package dev.fulcrum.sandbox.capi;

import dev.fulcrum.sandbox.SandboxServer;
import java.net.URI;
import java.util.Objects;

/**
 * Where simulated workload clusters get their own Kubernetes API: the simulator starts one when a cluster's first
 * control-plane machine boots ({@code kubeadm init}), points the cluster's kubeconfig Secret at it, registers the
 * cluster's Nodes there, and stops it when the Cluster is deleted.
 */
public interface WorkloadApis {

  /** The API server URL the workload cluster called {@code name} is (or will be) served at. */
  String url(String name);

  /** Starts serving the workload cluster's API unless it is served already. */
  void create(String name);

  /** Stops serving the workload cluster's API and drops its contents; false when it was not served. */
  boolean delete(String name);

  /** Whether the workload cluster's API is served. */
  boolean exists(String name);

  /** The host and port clients reach the APIs at; simulated control-plane endpoints show it. */
  Endpoint endpoint();

  /** A control-plane endpoint. */
  record Endpoint(String host, int port) {
    public Endpoint {
      Objects.requireNonNull(host, "host");
    }
  }

  /** Workload cluster APIs served by a sandbox, each under its own path prefix. */
  static WorkloadApis of(SandboxServer sandbox) {
    Objects.requireNonNull(sandbox, "sandbox");
    return new WorkloadApis() {
      @Override
      public String url(String name) {
        return sandbox.clusterUrl(name);
      }

      @Override
      public void create(String name) {
        sandbox.createCluster(name);
      }

      @Override
      public boolean delete(String name) {
        return sandbox.deleteCluster(name);
      }

      @Override
      public boolean exists(String name) {
        return sandbox.clusters().contains(name);
      }

      @Override
      public Endpoint endpoint() {
        URI uri = URI.create(sandbox.url());
        return new Endpoint(uri.getHost(), uri.getPort());
      }
    };
  }
}
