package dev.fulcrum.core.cluster;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A workload cluster's admin kubeconfig: the {@code <cluster>-kubeconfig} Secret Cluster API's
 * control plane writes into the cluster's namespace (key {@code value}, capi-contracts §4). That Secret moves into the
 * cluster with the pivot, so Fulcrum keeps a copy in the project, owned by the WorkloadCluster: the one way back in
 * when the cluster is deleted. It is a credential: hand it only to whoever may administer the cluster, and never log
 * it.
 */
public final class ClusterKubeconfigs {
  private static final String KEY = "value";

  private final KubernetesClient client;

  public ClusterKubeconfigs(KubernetesClient client) {
    this.client = client;
  }

  /** The kubeconfig of a stored WorkloadCluster: Fulcrum's copy, else Cluster API's; empty until one exists. */
  public Optional<String> of(JsonNode workloadCluster) {
    ClusterRef ref = ClusterRef.of(workloadCluster);
    Optional<String> copy = read(ref.project(), secretName(ref.name()));
    if (copy.isPresent()) {
      return copy;
    }
    return ClusterStatus.of(workloadCluster).clusterNamespace().flatMap(namespace -> read(namespace, secretName(ref.name())));
  }

  /** Keeps a copy of the kubeconfig in the WorkloadCluster's project; it goes when the WorkloadCluster goes. */
  public void keepCopy(JsonNode workloadCluster, String kubeconfig) {
    ClusterRef ref = ClusterRef.of(workloadCluster);
    if (read(ref.project(), secretName(ref.name())).filter(kubeconfig::equals).isPresent()) {
      return;
    }
    Secret copy =
        new SecretBuilder()
            .withNewMetadata()
            .withNamespace(ref.project())
            .withName(secretName(ref.name()))
            .addToLabels("app.kubernetes.io/managed-by", "fulcrum")
            .withOwnerReferences(WorkloadClusters.ownerReference(workloadCluster))
            .endMetadata()
            .withType("cluster.x-k8s.io/secret")
            .addToData(KEY, Base64.getEncoder().encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8)))
            .build();
    client.secrets().resource(copy).createOr(existing -> existing.update());
  }

  private Optional<String> read(String namespace, String name) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null || secret.getData() == null || !secret.getData().containsKey(KEY)) {
      return Optional.empty();
    }
    return Optional.of(new String(Base64.getDecoder().decode(secret.getData().get(KEY)), StandardCharsets.UTF_8));
  }

  private static String secretName(String clusterName) {
    return clusterName + "-kubeconfig";
  }
}
