package dev.fulcrum.sandbox.kubelet;

import dev.fulcrum.sandbox.SandboxServer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workload clusters' kubelets and Deployment, StatefulSet and DaemonSet controllers, in one: for every cluster a
 * sandbox serves except {@link SandboxServer#MANAGEMENT} (including clusters created later, and clusters restored
 * from the data directory), it watches Deployments, StatefulSets and DaemonSets in all namespaces and reports each
 * one as rolled out a short delay after its pod template is first seen (every image "runs"; no Pods are made): a
 * Deployment or StatefulSet with its {@code spec.replicas}, a DaemonSet with one pod per Node of its cluster (node
 * selectors and taints are not simulated), following Nodes as they come and go. It also runs the
 * {@link InProcessImage} registered for a Deployment's first container image (Deployments only), once per
 * Deployment: stopped when the Deployment is deleted, scaled to zero, its pod template changes (then started again
 * with the new environment), or its cluster is deleted. A program that fails to start is retried with back-off and
 * shown as {@code Available=False}.
 *
 * <pre>{@code
 * try (DeploymentRuntime runtime = DeploymentRuntime.start(sandbox, List.of(new CapiControllerImage(options)))) {
 *   // apply CAPI's CRDs and controller Deployments to a workload cluster: the simulator serves it
 * }
 * }</pre>
 */
public final class DeploymentRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeploymentRuntime.class);
  /** How often the served clusters are listed to find new and deleted ones. */
  private static final Duration CLUSTER_POLL = Duration.ofSeconds(1);
  /** The default time from a workload's (new) pod template to it being reported rolled out. */
  public static final Duration DEFAULT_ROLLOUT_DELAY = Duration.ofMillis(300);

  private final SandboxServer sandbox;
  private final List<InProcessImage> images;
  private final Duration rolloutDelay;
  private final Map<String, ClusterKubelet> kubelets = new ConcurrentHashMap<>();
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "kubelet-clusters");
    thread.setDaemon(true);
    return thread;
  });
  private boolean closed;

  private DeploymentRuntime(SandboxServer sandbox, List<InProcessImage> images, Duration rolloutDelay) {
    this.sandbox = sandbox;
    this.images = images;
    this.rolloutDelay = rolloutDelay;
  }

  /** Starts with {@link #DEFAULT_ROLLOUT_DELAY}. */
  public static DeploymentRuntime start(SandboxServer sandbox, List<InProcessImage> images) {
    return start(sandbox, images, DEFAULT_ROLLOUT_DELAY);
  }

  /**
   * Starts serving every workload cluster of {@code sandbox}; returns once the clusters served now are watched.
   *
   * @param rolloutDelay how long a workload's new pod template takes to be reported rolled out
   */
  public static DeploymentRuntime start(SandboxServer sandbox, List<InProcessImage> images, Duration rolloutDelay) {
    Objects.requireNonNull(sandbox, "sandbox");
    Objects.requireNonNull(rolloutDelay, "rolloutDelay");
    if (rolloutDelay.isNegative()) {
      throw new IllegalArgumentException("rolloutDelay must not be negative, got " + rolloutDelay);
    }
    DeploymentRuntime runtime = new DeploymentRuntime(sandbox, List.copyOf(images), rolloutDelay);
    runtime.syncClusters();
    runtime.poller.scheduleWithFixedDelay(runtime::syncClustersSafely, CLUSTER_POLL.toMillis(),
        CLUSTER_POLL.toMillis(), TimeUnit.MILLISECONDS);
    return runtime;
  }

  private void syncClustersSafely() {
    try {
      syncClusters();
    } catch (RuntimeException e) {
      LOG.warn("could not follow the sandbox's clusters: {}", e.toString());
    }
  }

  /** Starts a kubelet for each new workload cluster and stops those of deleted ones. */
  private synchronized void syncClusters() {
    if (closed) {
      return;
    }
    Set<String> served = new HashSet<>(sandbox.clusters());
    served.remove(SandboxServer.MANAGEMENT);
    for (String name : List.copyOf(kubelets.keySet())) {
      if (!served.contains(name)) {
        LOG.info("cluster {} is gone: stopping its containers", name);
        kubelets.remove(name).close();
      }
    }
    for (String name : served) {
      kubelets.computeIfAbsent(name, n -> ClusterKubelet.start(n, sandbox.clusterUrl(n), images, rolloutDelay));
    }
  }

  /** Stops every program and watch; the Deployments stay as they are. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    poller.shutdownNow();
    kubelets.values().forEach(ClusterKubelet::close);
    kubelets.clear();
  }
}
