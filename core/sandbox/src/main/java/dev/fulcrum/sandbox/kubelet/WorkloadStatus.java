package dev.fulcrum.sandbox.kubelet;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The StatefulSet and DaemonSet controllers: once a workload's pod template has rolled out, every pod it should have
 * counts as created, ready, available and up to date (no Pods are made, no programs run). A StatefulSet has
 * {@code spec.replicas} pods; a DaemonSet one per Node of its cluster: node selectors, affinity and taints are not
 * simulated, every Node runs every DaemonSet.
 */
final class WorkloadStatus {

  static final String STATEFUL_SET = "StatefulSet";
  static final String DAEMON_SET = "DaemonSet";
  /** Length of the template hash in a revision name, as short as the hashes Kubernetes puts in names. */
  private static final int REVISION_HASH_LENGTH = 10;

  private final KubernetesClient client;
  private final TemplateRollouts rollouts;

  WorkloadStatus(KubernetesClient client, TemplateRollouts rollouts) {
    this.client = client;
    this.rollouts = rollouts;
  }

  /**
   * Writes the StatefulSet's or DaemonSet's status if its rollout is done.
   *
   * @return how long until its rollout is done, when it is not yet; zero otherwise
   */
  Duration reconcile(WorkloadKey key) {
    return switch (key.kind()) {
      case STATEFUL_SET -> statefulSet(key);
      case DAEMON_SET -> daemonSet(key);
      default -> throw new IllegalArgumentException("no status for kind " + key.kind());
    };
  }

  private Duration statefulSet(WorkloadKey key) {
    StatefulSet statefulSet = client.apps().statefulSets().inNamespace(key.namespace()).withName(key.name()).get();
    if (statefulSet == null || statefulSet.getMetadata().getDeletionTimestamp() != null) {
      rollouts.forget(key);
      return Duration.ZERO;
    }
    String template = rollouts.hash(statefulSet.getSpec().getTemplate());
    Duration left = rollouts.left(key, template);
    if (!left.isZero()) {
      return left;
    }
    int replicas = Optional.ofNullable(statefulSet.getSpec().getReplicas()).orElse(1);
    String revision = key.name() + "-" + template.substring(0, REVISION_HASH_LENGTH);
    StatefulSetStatus wanted = new StatefulSetStatusBuilder()
        .withObservedGeneration(statefulSet.getMetadata().getGeneration()).withReplicas(replicas)
        .withReadyReplicas(replicas).withCurrentReplicas(replicas).withUpdatedReplicas(replicas)
        .withAvailableReplicas(replicas).withCurrentRevision(revision).withUpdateRevision(revision)
        .withCollisionCount(0).build();
    if (!same(wanted, statefulSet.getStatus())) {
      statefulSet.setStatus(wanted);
      client.apps().statefulSets().inNamespace(key.namespace()).resource(statefulSet).updateStatus();
    }
    return Duration.ZERO;
  }

  private Duration daemonSet(WorkloadKey key) {
    DaemonSet daemonSet = client.apps().daemonSets().inNamespace(key.namespace()).withName(key.name()).get();
    if (daemonSet == null || daemonSet.getMetadata().getDeletionTimestamp() != null) {
      rollouts.forget(key);
      return Duration.ZERO;
    }
    Duration left = rollouts.left(key, rollouts.hash(daemonSet.getSpec().getTemplate()));
    if (!left.isZero()) {
      return left;
    }
    // Listed now, not taken from a cache: a cache that has not synced yet would count no Nodes and report done.
    int nodes = client.nodes().list().getItems().size();
    DaemonSetStatus wanted = new DaemonSetStatusBuilder()
        .withObservedGeneration(daemonSet.getMetadata().getGeneration()).withDesiredNumberScheduled(nodes)
        .withCurrentNumberScheduled(nodes).withNumberReady(nodes).withNumberAvailable(nodes)
        .withUpdatedNumberScheduled(nodes).withNumberMisscheduled(0).build();
    if (!same(wanted, daemonSet.getStatus())) {
      daemonSet.setStatus(wanted);
      client.apps().daemonSets().inNamespace(key.namespace()).resource(daemonSet).updateStatus();
    }
    return Duration.ZERO;
  }

  /** Compared as JSON: a status read back has empty lists where a built one has none. */
  private boolean same(Object wanted, Object current) {
    return current != null && Objects.equals(client.getKubernetesSerialization().asJson(wanted),
        client.getKubernetesSerialization().asJson(current));
  }
}
