package dev.fulcrum.core.engine;

import dev.fulcrum.core.cluster.ClusterKubeconfigs;
import dev.fulcrum.core.cluster.ClusterStatus;
import dev.fulcrum.core.cluster.Phase;
import dev.fulcrum.core.cluster.WorkloadClusters;
import dev.fulcrum.core.kube.KubeClients;
import dev.fulcrum.core.pivot.ClusterMove;
import dev.fulcrum.core.pivot.Fabric8MoveApi;
import dev.fulcrum.core.pivot.MoveDirection;
import dev.fulcrum.core.pivot.MoveJournal;
import dev.fulcrum.core.pivot.MoveRequest;
import dev.fulcrum.core.pivot.MoveResult;
import dev.fulcrum.core.plugins.ProviderRegistry;
import dev.fulcrum.core.render.CapiTypes;
import dev.fulcrum.core.steps.Accept;
import dev.fulcrum.core.steps.Pivot;
import dev.fulcrum.core.steps.PivotMarks;
import dev.fulcrum.core.steps.WorkloadClusterState;
import dev.fulcrum.spi.ProviderDescriptor;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deletes what a deleted WorkloadCluster created, then lets it go (removes Fulcrum's finalizer).
 *
 * <p>The Cluster API Cluster goes first, so Cluster API tears the machines and infrastructure down
 * through its own finalizers; once it is gone the cluster's namespace is deleted with whatever is
 * left in it. Before the pivot that is the whole cluster. Like the steps, deletion is level-based:
 * every pass deletes what still exists and waits for what is still going.
 */
final class ClusterDeletion {
  private static final Logger log = LoggerFactory.getLogger(ClusterDeletion.class);

  private final KubernetesClient client;
  private final WorkloadClusters clusters;
  private final Accept accept;
  private final ClusterEvents events;
  private final Clock clock;
  private final ProviderRegistry providers;
  private final PivotMarks marks;
  private final MoveJournal journal;
  private final ClusterKubeconfigs kubeconfigs;

  ClusterDeletion(
      KubernetesClient client,
      WorkloadClusters clusters,
      Accept accept,
      ClusterEvents events,
      Clock clock,
      ProviderRegistry providers,
      PivotMarks marks,
      MoveJournal journal,
      ClusterKubeconfigs kubeconfigs) {
    this.client = client;
    this.clusters = clusters;
    this.accept = accept;
    this.events = events;
    this.clock = clock;
    this.providers = providers;
    this.marks = marks;
    this.journal = journal;
    this.kubeconfigs = kubeconfigs;
  }

  /** One deletion pass over a WorkloadCluster that has a deletion timestamp. */
  Next reconcile(ObjectNode cluster) {
    if (!Finalizer.isOn(cluster)) {
      return Next.IDLE; // nothing of Fulcrum's holds it
    }
    cluster = markDeleting(cluster);
    Optional<String> namespace = clusterNamespace(cluster);
    if (namespace.isPresent() && marks.isPivoted(namespace.get())) {
      moveBack(cluster, namespace.get());
    }
    if (namespace.isPresent()) {
      List<GenericKubernetesResource> capiClusters =
          client.genericKubernetesResources(CapiTypes.clusters()).inNamespace(namespace.get()).list().getItems();
      if (!capiClusters.isEmpty()) {
        for (GenericKubernetesResource capiCluster : capiClusters) {
          if (capiCluster.getMetadata().getDeletionTimestamp() == null) {
            log.info("Deleting Cluster {}/{}", namespace.get(), capiCluster.getMetadata().getName());
            client.genericKubernetesResources(CapiTypes.clusters()).inNamespace(namespace.get()).resource(capiCluster).delete();
          }
        }
        return Next.POLL;
      }
      Namespace existing = client.namespaces().withName(namespace.get()).get();
      if (existing != null) {
        if (existing.getMetadata().getDeletionTimestamp() == null) {
          log.info("Deleting namespace {}", namespace.get());
          client.namespaces().withName(namespace.get()).delete();
        }
        return Next.POLL;
      }
    }
    events.record(cluster, transition("Deleted", "the cluster's Cluster API objects are deleted"), clock.instant());
    clusters.update(Finalizer.removed(cluster));
    return Next.IDLE;
  }

  /**
   * Moves a pivoted cluster's objects back into the management cluster (the pivot's journaled move, reversed), so
   * that Cluster API there tears the machines down; then lifts the fence.
   */
  private void moveBack(ObjectNode cluster, String namespace) {
    String provider = cluster.at("/spec/provider").asString("");
    ProviderDescriptor descriptor =
        providers.find(provider)
            .orElseThrow(() -> new IllegalStateException("provider '" + provider + "' is not loaded; cannot move the cluster back"))
            .descriptor();
    String kubeconfig =
        kubeconfigs.of(cluster)
            .orElseThrow(() -> new IllegalStateException("the cluster's kubeconfig copy is missing; cannot move it back"));
    String name = cluster.at("/metadata/name").asString();
    try (KubernetesClient workload = KubeClients.fromKubeconfigContent(kubeconfig)) {
      MoveResult result =
          new ClusterMove(journal)
              .move(
                  new MoveRequest(namespace, name, Pivot.movedGroups(descriptor), MoveDirection.TO_MANAGEMENT),
                  new Fabric8MoveApi(workload),
                  new Fabric8MoveApi(client));
      events.record(
          cluster,
          transition("MovedBack", "moved " + result.moved().size() + " Cluster API objects back to the management cluster"),
          clock.instant());
    }
    marks.unmark(namespace);
  }

  /** Sets the phase to Deleting, once, with an event. */
  private ObjectNode markDeleting(ObjectNode cluster) {
    ClusterStatus status = ClusterStatus.of(cluster);
    if (status.phase().equals(Optional.of(Phase.Deleting))) {
      return cluster;
    }
    events.record(cluster, transition("Deleting", "deleting the cluster's Cluster API objects"), clock.instant());
    ClusterStatus deleting =
        new ClusterStatus(status.observedGeneration(), Optional.of(Phase.Deleting), status.step(),
            status.clusterNamespace(), status.conditions());
    ObjectNode updated = cluster.deepCopy();
    updated.withObject("status").setAll(deleting.toTree());
    return clusters.updateStatus(updated);
  }

  /**
   * The namespace recorded in the status; or, if the status never got it (a crash right after the
   * first apply), the one the request names, if it is valid. An invalid request never got further
   * than step 1, so it has nothing to delete.
   */
  private Optional<String> clusterNamespace(ObjectNode cluster) {
    Optional<String> recorded = ClusterStatus.of(cluster).clusterNamespace();
    if (recorded.isPresent()) {
      return recorded;
    }
    WorkloadClusterState state = new WorkloadClusterState(cluster);
    return accept.reconcile(state).isDone() ? Optional.of(state.request().namespace()) : Optional.empty();
  }

  private static ClusterEvents.Transition transition(String reason, String message) {
    return new ClusterEvents.Transition("Delete", "", "", "", reason, message, false);
  }
}
