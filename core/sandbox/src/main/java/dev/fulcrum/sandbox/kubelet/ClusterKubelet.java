package dev.fulcrum.sandbox.kubelet;

import io.fabric8.kubernetes.api.model.Container;
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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One workload cluster's kubelet and Deployment controller: reconciles each Deployment (one at a time, on one
 * thread) into a running in-process program and a rolled-out status.
 */
final class ClusterKubelet implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterKubelet.class);
  private static final Duration RESYNC = Duration.ofSeconds(10);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  /** A program running for one Deployment, started from one version of its pod template. */
  private record Running(String template, AutoCloseable program) {}

  /** When a Deployment's pod template (by hash) was first seen. */
  private record TemplateSeen(String template, Instant since) {}

  private final String apiName;
  private final String apiUrl;
  private final List<InProcessImage> images;
  private final Duration rolloutDelay;
  private final KubernetesClient client;
  private final ScheduledExecutorService worker;
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  private final Map<String, Integer> failedStarts = new ConcurrentHashMap<>();
  /** When each Deployment's current pod template was first seen: it is rolled out {@code rolloutDelay} later. */
  private final Map<String, TemplateSeen> templateSeen = new ConcurrentHashMap<>();
  private SharedIndexInformer<Deployment> informer;

  private ClusterKubelet(String apiName, String apiUrl, List<InProcessImage> images, Duration rolloutDelay) {
    this.apiName = apiName;
    this.apiUrl = apiUrl;
    this.images = images;
    this.rolloutDelay = rolloutDelay;
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(apiUrl).withOauthToken("kubelet")
        .withRequestRetryBackoffLimit(0).build();
    this.client = new KubernetesClientBuilder().withConfig(config).build();
    this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "kubelet-" + apiName);
      thread.setDaemon(true);
      return thread;
    });
  }

  static ClusterKubelet start(String apiName, String apiUrl, List<InProcessImage> images, Duration rolloutDelay) {
    ClusterKubelet kubelet = new ClusterKubelet(apiName, apiUrl, images, rolloutDelay);
    kubelet.informer = kubelet.client.apps().deployments().inAnyNamespace().runnableInformer(RESYNC.toMillis());
    kubelet.informer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Deployment deployment) {
        kubelet.enqueue(key(deployment), Duration.ZERO);
      }

      @Override
      public void onUpdate(Deployment before, Deployment after) {
        kubelet.enqueue(key(after), Duration.ZERO);
      }

      @Override
      public void onDelete(Deployment deployment, boolean finalStateUnknown) {
        kubelet.enqueue(key(deployment), Duration.ZERO);
      }
    });
    kubelet.informer.start();
    return kubelet;
  }

  private static String key(Deployment deployment) {
    return deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName();
  }

  private void enqueue(String key, Duration delay) {
    if (worker.isShutdown()) {
      return;
    }
    try {
      worker.schedule(() -> reconcileSafely(key), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing
    }
  }

  private void reconcileSafely(String key) {
    try {
      reconcile(key);
    } catch (KubernetesClientException e) {
      LOG.debug("{}: deployment {}: {}, trying again", apiName, key, e.getMessage());
      enqueue(key, FIRST_BACKOFF);
    } catch (RuntimeException e) {
      LOG.warn("{}: deployment {}: {}", apiName, key, e.toString());
      enqueue(key, MAX_BACKOFF);
    }
  }

  private void reconcile(String key) {
    String[] parts = key.split("/", 2);
    Deployment deployment = client.apps().deployments().inNamespace(parts[0]).withName(parts[1]).get();
    if (deployment == null || deployment.getMetadata().getDeletionTimestamp() != null) {
      stop(key, "the Deployment is deleted");
      templateSeen.remove(key);
      return;
    }
    int replicas = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
    String template = hash(client.getKubernetesSerialization().asJson(deployment.getSpec().getTemplate()));
    if (replicas == 0) {
      stop(key, "the Deployment is scaled to 0");
      writeStatus(deployment, status(deployment, 0, 0, available(true, "MinimumReplicasAvailable",
          "Deployment has minimum availability."), progressing("NewReplicaSetAvailable")));
      return;
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
        ContainerContext context = new ContainerContext(apiName, apiUrl, parts[0], parts[1],
            new ContainerEnvironment(client, parts[0], parts[1] + "-sandbox").resolve(container));
        running.put(key, new Running(template, image.get().start(context)));
        failedStarts.remove(key);
        LOG.info("{}: started {} for deployment {}", apiName, container.getImage(), key);
      } catch (RuntimeException e) {
        int attempt = failedStarts.merge(key, 1, Integer::sum);
        Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 10));
        backoff = backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
        // The message is the program's or the environment's error; neither carries values of the environment.
        LOG.warn("{}: {} for deployment {} failed to start (attempt {}), retrying in {} ms: {}", apiName,
            container.getImage(), key, attempt, backoff.toMillis(), e.getMessage());
        writeStatus(deployment, status(deployment, replicas, 0, available(false, "MinimumReplicasUnavailable",
            "container " + container.getName() + " failed to start: " + e.getMessage()),
            progressing("ReplicaSetUpdated")));
        enqueue(key, backoff);
        return;
      }
    }
    TemplateSeen seen = templateSeen.compute(key, (k, previous) -> previous != null
        && previous.template().equals(template) ? previous : new TemplateSeen(template, Instant.now()));
    Duration left = Duration.between(Instant.now(), seen.since().plus(rolloutDelay));
    if (!left.isNegative() && !left.isZero()) {
      enqueue(key, left);
      return;
    }
    writeStatus(deployment, status(deployment, replicas, replicas, available(true, "MinimumReplicasAvailable",
        "Deployment has minimum availability."), progressing("NewReplicaSetAvailable")));
  }

  private void stop(String key, String why) {
    Running stopped = running.remove(key);
    if (stopped != null) {
      LOG.info("{}: stopping the program of deployment {}: {}", apiName, key, why);
      close(key, stopped);
    }
    failedStarts.remove(key);
  }

  private void close(String key, Running program) {
    try {
      program.program().close();
    } catch (Exception e) {
      LOG.warn("{}: the program of deployment {} did not stop cleanly: {}", apiName, key, e.toString());
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

  private static String hash(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops the watch and every program of this cluster. */
  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
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
