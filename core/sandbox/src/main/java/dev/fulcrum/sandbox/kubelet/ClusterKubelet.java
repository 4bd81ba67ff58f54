package dev.fulcrum.sandbox.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One workload cluster's kubelet and workload controllers: reconciles each Deployment, StatefulSet and DaemonSet (one
 * at a time, on one thread) into a rolled-out status, {@code rolloutDelay} after its pod template is first seen, and
 * each Deployment whose image is an {@link InProcessImage} into a running program. StatefulSets and DaemonSets only
 * get a status ({@link WorkloadStatus}); a Node coming or going changes every DaemonSet's count at once.
 */
final class ClusterKubelet implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterKubelet.class);
  private static final Duration RESYNC = Duration.ofSeconds(10);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private static final String DEPLOYMENT = "Deployment";

  /** A program running for one Deployment, started from one version of its pod template. */
  private record Running(String template, AutoCloseable program) {}

  private final String apiName;
  private final String apiUrl;
  private final List<InProcessImage> images;
  private final KubernetesClient client;
  private final TemplateRollouts rollouts;
  private final WorkloadStatus workloadStatus;
  private final ScheduledExecutorService worker;
  private final Map<WorkloadKey, Running> running = new ConcurrentHashMap<>();
  private final Map<WorkloadKey, Integer> failedStarts = new ConcurrentHashMap<>();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

  private ClusterKubelet(String apiName, String apiUrl, List<InProcessImage> images, Duration rolloutDelay) {
    this.apiName = apiName;
    this.apiUrl = apiUrl;
    this.images = images;
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(apiUrl).withOauthToken("kubelet")
        .withRequestRetryBackoffLimit(0).build();
    this.client = new KubernetesClientBuilder().withConfig(config).build();
    this.rollouts = new TemplateRollouts(rolloutDelay, client.getKubernetesSerialization());
    this.workloadStatus = new WorkloadStatus(client, rollouts);
    this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "kubelet-" + apiName);
      thread.setDaemon(true);
      return thread;
    });
  }

  static ClusterKubelet start(String apiName, String apiUrl, List<InProcessImage> images, Duration rolloutDelay) {
    ClusterKubelet kubelet = new ClusterKubelet(apiName, apiUrl, images, rolloutDelay);
    KubernetesClient client = kubelet.client;
    kubelet.watch(DEPLOYMENT, client.apps().deployments().inAnyNamespace().runnableInformer(RESYNC.toMillis()));
    kubelet.watch(WorkloadStatus.STATEFUL_SET,
        client.apps().statefulSets().inAnyNamespace().runnableInformer(RESYNC.toMillis()));
    SharedIndexInformer<DaemonSet> daemonSets = kubelet.watch(WorkloadStatus.DAEMON_SET,
        client.apps().daemonSets().inAnyNamespace().runnableInformer(RESYNC.toMillis()));
    SharedIndexInformer<Node> nodes = client.nodes().runnableInformer(0);
    // A DaemonSet runs on every Node: each Node added or deleted changes every DaemonSet's counts.
    nodes.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Node node) {
        kubelet.enqueueEvery(WorkloadStatus.DAEMON_SET, daemonSets);
      }

      @Override
      public void onUpdate(Node before, Node after) {
        // A Node's status changes often; the count of Nodes does not change with it.
      }

      @Override
      public void onDelete(Node node, boolean finalStateUnknown) {
        kubelet.enqueueEvery(WorkloadStatus.DAEMON_SET, daemonSets);
      }
    });
    kubelet.informers.add(nodes);
    kubelet.informers.forEach(SharedIndexInformer::start);
    return kubelet;
  }

  /** Reconciles each {@code kind} object the informer reports, once it is started. */
  private <T extends HasMetadata> SharedIndexInformer<T> watch(String kind, SharedIndexInformer<T> informer) {
    informer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(T workload) {
        enqueue(WorkloadKey.of(kind, workload), Duration.ZERO);
      }

      @Override
      public void onUpdate(T before, T after) {
        enqueue(WorkloadKey.of(kind, after), Duration.ZERO);
      }

      @Override
      public void onDelete(T workload, boolean finalStateUnknown) {
        enqueue(WorkloadKey.of(kind, workload), Duration.ZERO);
      }
    });
    informers.add(informer);
    return informer;
  }

  private void enqueueEvery(String kind, SharedIndexInformer<? extends HasMetadata> informer) {
    informer.getStore().list().forEach(workload -> enqueue(WorkloadKey.of(kind, workload), Duration.ZERO));
  }

  private void enqueue(WorkloadKey key, Duration delay) {
    if (worker.isShutdown()) {
      return;
    }
    try {
      worker.schedule(() -> reconcileSafely(key), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  private void reconcileSafely(WorkloadKey key) {
    try {
      Duration left = key.kind().equals(DEPLOYMENT) ? reconcileDeployment(key) : workloadStatus.reconcile(key);
      if (!left.isZero()) {
        enqueue(key, left);
      }
    } catch (KubernetesClientException e) {
      LOG.debug("{}: {}: {}, trying again", apiName, key, e.getMessage());
      enqueue(key, FIRST_BACKOFF);
    } catch (RuntimeException e) {
      LOG.warn("{}: {}: {}", apiName, key, e.toString());
      enqueue(key, MAX_BACKOFF);
    }
  }

  /** Returns how long until the Deployment should be looked at again; zero when only a change needs that. */
  private Duration reconcileDeployment(WorkloadKey key) {
    Deployment deployment = client.apps().deployments().inNamespace(key.namespace()).withName(key.name()).get();
    if (deployment == null || deployment.getMetadata().getDeletionTimestamp() != null) {
      stop(key, "the Deployment is deleted");
      rollouts.forget(key);
      return Duration.ZERO;
    }
    int replicas = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
    String template = rollouts.hash(deployment.getSpec().getTemplate());
    if (replicas == 0) {
      stop(key, "the Deployment is scaled to 0");
      writeStatus(deployment, status(deployment, 0, 0, available(true, "MinimumReplicasAvailable",
          "Deployment has minimum availability."), progressing("NewReplicaSetAvailable")));
      return Duration.ZERO;
    }
    Running current = running.get(key);
    if (current != null && !current.template().equals(template)) {
      stop(key, "its pod template changed");
    }
    List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    Container container = containers.isEmpty() ? null : containers.get(0);
    Optional<InProcessImage> image = container == null ? Optional.empty()
        : images.stream().filter(i -> i.runs(container.getImage())).findFirst();
    if (image.isPresent() && !running.containsKey(key)) {
      try {
        ContainerContext context = new ContainerContext(apiName, apiUrl, key.namespace(), key.name(),
            new ContainerEnvironment(client, key.namespace(), key.name() + "-sandbox").resolve(container));
        running.put(key, new Running(template, image.get().start(context)));
        failedStarts.remove(key);
        LOG.info("{}: started {} for {}", apiName, container.getImage(), key);
      } catch (RuntimeException e) {
        int attempt = failedStarts.merge(key, 1, Integer::sum);
        Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 10));
        backoff = backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
        // The message is the program's or the environment's error; neither carries values of the environment.
        LOG.warn("{}: {} for {} failed to start (attempt {}), retrying in {} ms: {}", apiName,
            container.getImage(), key, attempt, backoff.toMillis(), e.getMessage());
        writeStatus(deployment, status(deployment, replicas, 0, available(false, "MinimumReplicasUnavailable",
            "container " + container.getName() + " failed to start: " + e.getMessage()),
            progressing("ReplicaSetUpdated")));
        return backoff;
      }
    }
    Duration left = rollouts.left(key, template);
    if (!left.isZero()) {
      return left;
    }
    writeStatus(deployment, status(deployment, replicas, replicas, available(true, "MinimumReplicasAvailable",
        "Deployment has minimum availability."), progressing("NewReplicaSetAvailable")));
    return Duration.ZERO;
  }

  private void stop(WorkloadKey key, String why) {
    Running stopped = running.remove(key);
    if (stopped != null) {
      LOG.info("{}: stopping the program of {}: {}", apiName, key, why);
      close(key, stopped);
    }
    failedStarts.remove(key);
  }

  private void close(WorkloadKey key, Running program) {
    try {
      program.program().close();
    } catch (Exception e) {
      LOG.warn("{}: the program of {} did not stop cleanly: {}", apiName, key, e.toString());
    }
  }

  private static DeploymentStatus status(Deployment deployment, int replicas, int ready,
      DeploymentCondition available, DeploymentCondition progressing) {
    return new DeploymentStatusBuilder().withObservedGeneration(deployment.getMetadata().getGeneration())
        .withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(ready).withAvailableReplicas(ready)
        .withUnavailableReplicas(replicas - ready == 0 ? null : replicas - ready)
        .withConditions(available, progressing).build();
  }

  private static DeploymentCondition available(boolean status, String reason, String message) {
    return new DeploymentConditionBuilder().withType("Available").withStatus(status ? "True" : "False")
        .withReason(reason).withMessage(message).build();
  }

  private static DeploymentCondition progressing(String reason) {
    return new DeploymentConditionBuilder().withType("Progressing").withStatus("True").withReason(reason)
        .withMessage("ReplicaSet has successfully progressed.").build();
  }

  /** Writes the status unless it says the same already; condition times change only with the condition. */
  private void writeStatus(Deployment deployment, DeploymentStatus wanted) {
    DeploymentStatus current = deployment.getStatus();
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    List<DeploymentCondition> conditions = new ArrayList<>();
    for (DeploymentCondition condition : wanted.getConditions()) {
      Optional<DeploymentCondition> previous = current == null ? Optional.empty() : current.getConditions().stream()
          .filter(c -> condition.getType().equals(c.getType())).findFirst();
      boolean same = previous.isPresent() && Objects.equals(previous.get().getStatus(), condition.getStatus())
          && Objects.equals(previous.get().getReason(), condition.getReason())
          && Objects.equals(previous.get().getMessage(), condition.getMessage());
      if (same) {
        conditions.add(previous.get());
      } else {
        condition.setLastUpdateTime(now);
        condition.setLastTransitionTime(previous.filter(p -> Objects.equals(p.getStatus(), condition.getStatus()))
            .map(DeploymentCondition::getLastTransitionTime).orElse(now));
        conditions.add(condition);
      }
    }
    wanted.setConditions(conditions);
    if (wanted.equals(current)) {
      return;
    }
    deployment.setStatus(wanted);
    client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace()).resource(deployment)
        .updateStatus();
  }

  /** Stops the watch and every program of this cluster. */
  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    worker.shutdownNow();
    try {
      worker.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    running.forEach(this::close);
    running.clear();
    client.close();
  }
}
