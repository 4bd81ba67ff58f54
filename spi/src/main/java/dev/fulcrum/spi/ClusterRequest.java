package dev.fulcrum.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated {@code WorkloadCluster} request, as a provider sees it. Field names follow the
 * request's YAML ({@code apiVersion: fulcrum.dev/v1alpha1, kind: WorkloadCluster}).
 *
 * @param name {@code metadata.name}, the cluster name (also the CAPI Cluster's name)
 * @param project {@code metadata.namespace}, the project (tenant) the cluster belongs to
 * @param namespace the namespace holding this cluster's CAPI objects, derived by the core
 * @param provider {@code spec.provider}, the provider plugin id
 * @param kubernetesVersion {@code spec.kubernetesVersion}, e.g. {@code v1.33.4}
 * @param cloudAccountRef {@code spec.cloudAccountRef}, with the provider's default kind filled in;
 *     empty when the request has none
 * @param controlPlane {@code spec.controlPlane}
 * @param workerPools {@code spec.workerPools}, in request order
 * @param network {@code spec.network}
 * @param sshAuthorizedKeys {@code spec.sshAuthorizedKeys}: OpenSSH public keys, already validated
 * @param infrastructure {@code spec.infrastructure}: the provider's cluster settings
 */
public record ClusterRequest(
    String name,
    String project,
    String namespace,
    String provider,
    String kubernetesVersion,
    Optional<CredentialRef> cloudAccountRef,
    NodePool controlPlane,
    List<NodePool> workerPools,
    ClusterNetwork network,
    List<String> sshAuthorizedKeys,
    Settings infrastructure) {

  public ClusterRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(kubernetesVersion, "kubernetesVersion");
    Objects.requireNonNull(controlPlane, "controlPlane");
    Objects.requireNonNull(network, "network");
    cloudAccountRef = cloudAccountRef == null ? Optional.empty() : cloudAccountRef;
    workerPools = List.copyOf(workerPools);
    sshAuthorizedKeys = List.copyOf(sshAuthorizedKeys);
    infrastructure = infrastructure == null ? Settings.EMPTY : infrastructure;
  }

  /** The control plane followed by every worker pool. */
  public List<NodePool> allPools() {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(controlPlane), workerPools.stream())
        .toList();
  }
}
