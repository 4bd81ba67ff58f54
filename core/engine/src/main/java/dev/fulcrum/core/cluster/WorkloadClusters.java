package dev.fulcrum.core.cluster;

import dev.fulcrum.core.kube.KubeTrees;
import dev.fulcrum.core.kube.ServerSideApply;
import dev.fulcrum.core.yaml.Mappers;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code WorkloadCluster} custom resources in the management cluster: Fulcrum's state store.
 * Objects are JSON trees, exactly as the API server holds them.
 */
public final class WorkloadClusters {
  public static final String GROUP = "fulcrum.dev";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String KIND = "WorkloadCluster";
  public static final String PLURAL = "workloadclusters";

  /** Keeps a deleted WorkloadCluster until the engine has removed its Cluster API objects. */
  public static final String FINALIZER = "fulcrum.dev/cleanup";

  private static final ResourceDefinitionContext CONTEXT =
      new ResourceDefinitionContext.Builder()
          .withGroup(GROUP)
          .withVersion(VERSION)
          .withKind(KIND)
          .withPlural(PLURAL)
          .withNamespaced(true)
          .build();

  private final KubernetesClient client;
  private final ServerSideApply applier;

  public WorkloadClusters(KubernetesClient client) {
    this.client = client;
    this.applier = new ServerSideApply(client);
  }

  /**
   * The request a stored WorkloadCluster holds, as a request document: apiVersion, kind, the metadata a request may
   * carry (name, namespace, labels, annotations) and the spec.
   */
  public static ObjectNode requestDocument(JsonNode stored) {
    ObjectNode document = Mappers.json().createObjectNode();
    document.set("apiVersion", stored.path("apiVersion").deepCopy());
    document.set("kind", stored.path("kind").deepCopy());
    ObjectNode metadata = document.putObject("metadata");
    for (String field : new String[] {"name", "namespace", "labels", "annotations"}) {
      JsonNode value = stored.path("metadata").path(field);
      if (!value.isMissingNode()) {
        metadata.set(field, value.deepCopy());
      }
    }
    document.set("spec", stored.path("spec").deepCopy());
    return document;
  }

  /** An owner reference to a stored WorkloadCluster: what it owns goes when it goes. */
  public static OwnerReference ownerReference(JsonNode stored) {
    return new OwnerReferenceBuilder()
        .withApiVersion(stored.path("apiVersion").asString())
        .withKind(stored.path("kind").asString())
        .withName(stored.at("/metadata/name").asString())
        .withUid(stored.at("/metadata/uid").asString())
        .build();
  }

  /** The cluster, if it exists. */
  public Optional<ObjectNode> get(ClusterRef ref) {
    return Optional.ofNullable(KubeTrees.tree(resource(ref).get()));
  }

  /** The clusters of one project, or of every project; sorted by project, then name. */
  public List<ObjectNode> list(Optional<String> project) {
    GenericKubernetesResourceList list =
        project.isPresent() ? resources().inNamespace(project.get()).list() : resources().inAnyNamespace().list();
    return list.getItems().stream()
        .map(KubeTrees::tree)
        .sorted(Comparator.comparing((ObjectNode wc) -> ClusterRef.of(wc).project()).thenComparing(wc -> ClusterRef.of(wc).name()))
        .toList();
  }

  /**
   * Creates or changes the cluster by server-side apply: the request's fields become Fulcrum's, and
   * fields an earlier apply set that the request no longer has are removed.
   *
   * @throws dev.fulcrum.core.kube.ApplyConflictException if someone else (kubectl, say) has since
   *     changed a field the request sets differently
   */
  public ObjectNode apply(JsonNode workloadCluster) {
    return applier.apply(workloadCluster);
  }

  /** Replaces the cluster's metadata and spec, if its {@code resourceVersion} is still current. */
  public ObjectNode update(JsonNode workloadCluster) {
    return KubeTrees.tree(resources().resource(KubeTrees.resource(workloadCluster)).update());
  }

  /** Replaces the cluster's status, if its {@code resourceVersion} is still current. */
  public ObjectNode updateStatus(JsonNode workloadCluster) {
    return KubeTrees.tree(resources().resource(KubeTrees.resource(workloadCluster)).updateStatus());
  }

  /**
   * Starts deleting the cluster; it disappears once the engine has removed what it created.
   *
   * @return false if there was no such cluster
   */
  public boolean delete(ClusterRef ref) {
    return !resource(ref).delete().isEmpty();
  }

  /** Watches one cluster; the watcher sees it change and disappear. */
  public Watch watch(ClusterRef ref, Watcher<GenericKubernetesResource> watcher) {
    return resource(ref).watch(watcher);
  }

  /** Starts an informer over the clusters of every project, resyncing at the given period. */
  public SharedIndexInformer<GenericKubernetesResource> inform(
      ResourceEventHandler<GenericKubernetesResource> handler, Duration resync) {
    return resources().inAnyNamespace().inform(handler, resync.toMillis());
  }

  private Resource<GenericKubernetesResource> resource(ClusterRef ref) {
    return resources().inNamespace(ref.project()).withName(ref.name());
  }

  private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
      resources() {
    return client.genericKubernetesResources(CONTEXT);
  }
}
