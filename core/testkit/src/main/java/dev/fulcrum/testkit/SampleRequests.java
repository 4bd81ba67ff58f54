package dev.fulcrum.testkit;

import dev.fulcrum.spi.ClusterNetwork;
import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.CredentialRef;
import dev.fulcrum.spi.NodePool;
import dev.fulcrum.spi.NodeRole;
import dev.fulcrum.spi.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Concise {@link ClusterRequest} values for provider tests. A builder starts from a small, valid
 * request (one control-plane pool, no workers, {@link #SSH_KEYS}, no credentials) and each call
 * changes one thing:
 *
 * <pre>{@code
 * ClusterRequest request = SampleRequests.forProvider("aws")
 *     .infrastructure(Map.of("region", "eu-west-1"))
 *     .controlPlane(3, Map.of("instanceType", "m6i.large"))
 *     .workerPool("general", 3, Map.of("instanceType", "m6i.xlarge"))
 *     .build();
 * }</pre>
 */
public final class SampleRequests {
  /** Two OpenSSH public keys of different types (public halves only; nothing secret). */
  public static final List<String> SSH_KEYS = List.of(
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFiSxsBW/Y8TL37Jv1gjNkKPA62/07UnuQXUZhNK6chL alice@example.com",
      "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBLLIaL3k8WpbcitcMymMtO+4CizRtwHr"
          + "tU0uSWPadswQK1sKGy8AqBrM0WAT38P3hFCpYRHDYM3HWBWUg2KT+GI= bob@example.com");

  private SampleRequests() {}

  /** A builder for a request to {@code provider}. */
  public static Builder forProvider(String provider) {
    return new Builder(provider);
  }

  /** Mutable; {@link #build()} may be called repeatedly and gives independent, equal requests. */
  public static final class Builder {
    private final String provider;
    private String name = "sample";
    private String project = "team-a";
    private String namespace = "team-a-sample";
    private String kubernetesVersion = "v1.33.4";
    private CredentialRef cloudAccount;
    private Map<String, Object> infrastructure = new LinkedHashMap<>();
    private int controlPlaneReplicas = 1;
    private Map<String, Object> controlPlaneMachine = new LinkedHashMap<>();
    private final List<Pool> workers = new ArrayList<>();
    private ClusterNetwork network =
        new ClusterNetwork(List.of("192.168.0.0/16"), List.of("10.96.0.0/12"), "cluster.local");
    private List<String> sshKeys = SSH_KEYS;

    private Builder(String provider) {
      this.provider = provider;
    }

    /** {@code metadata.name}; also sets the derived namespace to {@code <project>-<name>}. */
    public Builder name(String name) {
      this.name = name;
      this.namespace = project + "-" + name;
      return this;
    }

    /** {@code spec.kubernetesVersion}. */
    public Builder kubernetesVersion(String kubernetesVersion) {
      this.kubernetesVersion = kubernetesVersion;
      return this;
    }

    /** {@code spec.cloudAccountRef}. */
    public Builder cloudAccount(String kind, String name) {
      this.cloudAccount = new CredentialRef(kind, name);
      return this;
    }

    /** No {@code spec.cloudAccountRef}. */
    public Builder noCloudAccount() {
      this.cloudAccount = null;
      return this;
    }

    /** Replaces {@code spec.infrastructure}. */
    public Builder infrastructure(Map<String, ?> settings) {
      this.infrastructure = new LinkedHashMap<>(settings);
      return this;
    }

    /** Sets one {@code spec.infrastructure} field; {@code null} removes it. */
    public Builder infrastructure(String field, Object value) {
      put(infrastructure, field, value);
      return this;
    }

    /** Replaces {@code spec.controlPlane}. */
    public Builder controlPlane(int replicas, Map<String, ?> machine) {
      this.controlPlaneReplicas = replicas;
      this.controlPlaneMachine = new LinkedHashMap<>(machine);
      return this;
    }

    /** Sets one field of {@code spec.controlPlane.machine}; {@code null} removes it. */
    public Builder controlPlaneMachine(String field, Object value) {
      put(controlPlaneMachine, field, value);
      return this;
    }

    /** Appends a worker pool to {@code spec.workerPools}. */
    public Builder workerPool(String name, int replicas, Map<String, ?> machine) {
      workers.add(new Pool(name, replicas, new LinkedHashMap<>(machine)));
      return this;
    }

    /** Sets one field of {@code spec.workerPools[index].machine}; {@code null} removes it. */
    public Builder workerMachine(int index, String field, Object value) {
      put(workers.get(index).machine(), field, value);
      return this;
    }

    /** {@code spec.network}. */
    public Builder network(ClusterNetwork network) {
      this.network = network;
      return this;
    }

    /** {@code spec.sshAuthorizedKeys}. */
    public Builder sshKeys(List<String> keys) {
      this.sshKeys = List.copyOf(keys);
      return this;
    }

    /** The request as the core hands it to a provider. */
    public ClusterRequest build() {
      NodePool controlPlane = new NodePool(
          NodePool.CONTROL_PLANE_NAME, NodeRole.CONTROL_PLANE, controlPlaneReplicas,
          new Settings(controlPlaneMachine), "spec.controlPlane");
      List<NodePool> workerPools = new ArrayList<>();
      for (int i = 0; i < workers.size(); i++) {
        Pool pool = workers.get(i);
        workerPools.add(new NodePool(
            pool.name(), NodeRole.WORKER, pool.replicas(), new Settings(pool.machine()),
            "spec.workerPools[" + i + "]"));
      }
      return new ClusterRequest(
          name, project, namespace, provider, kubernetesVersion, Optional.ofNullable(cloudAccount),
          controlPlane, workerPools, network, sshKeys, new Settings(infrastructure));
    }

    private static void put(Map<String, Object> settings, String field, Object value) {
      if (value == null) {
        settings.remove(field);
      } else {
        settings.put(field, value);
      }
    }

    private record Pool(String name, int replicas, Map<String, Object> machine) {}
  }
}
