package dev.fulcrum.core.cluster;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A workload cluster's admin kubeconfig: the {@code <cluster>-kubeconfig} Secret Cluster API's
 * control plane writes into the cluster's namespace (key {@code value}, capi-contracts §4). It is a
 * credential: hand it only to whoever may administer the cluster, and never log it.
 */
public final class ClusterKubeconfigs {
  private final KubernetesClient client;

  public ClusterKubeconfigs(KubernetesClient client) {
    this.client = client;
  }

  /** The kubeconfig of a stored WorkloadCluster; empty until its control plane has written one. */
  public Optional<String> of(JsonNode workloadCluster) {
    Optional<String> namespace = ClusterStatus.of(workloadCluster).clusterNamespace();
    if (namespace.isEmpty()) {
      return Optional.empty();
    }
    String name = workloadCluster.at("/metadata/name").asString() + "-kubeconfig";
    Secret secret = client.secrets().inNamespace(namespace.get()).withName(name).get();
    if (secret == null || secret.getData() == null || !secret.getData().containsKey("value")) {
      return Optional.empty();
    }
    return Optional.of(new String(Base64.getDecoder().decode(secret.getData().get("value")), StandardCharsets.UTF_8));
  }
}
