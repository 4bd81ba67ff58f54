package dev.fulcrum.core.engine;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.cluster.ClusterStatus;
import dev.fulcrum.core.cluster.Condition;
import dev.fulcrum.core.cluster.Phase;
import dev.fulcrum.core.cluster.WorkloadClusters;
import dev.fulcrum.core.kube.KubeTrees;
import dev.fulcrum.core.steps.Step;
import dev.fulcrum.core.steps.StepOutcome;
import dev.fulcrum.core.steps.WorkloadClusterState;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the steps, in order, for every WorkloadCluster. Level-based: each reconcile looks at the
 * cluster as stored, runs the steps from the first until one is not done, and records the outcome
 * in the cluster's status (a condition per step, {@code status.step}, {@code status.phase},
 * {@code observedGeneration}) and as events. Nothing lives only in memory, so a server stopped at any
 * moment resumes where the status says, and a step that had half-run simply runs again.
 *
 * <p>Clusters are queued by an informer (every change, and a periodic resync) and reconciled by a
 * few workers, never one cluster by two workers at once. Steps waiting for something outside the
 * engine are polled; errors are retried with exponential backoff; a pass whose status write lost a race to
 * another writer (an agent's report) runs again at once.
 */
public final class ClusterReconciler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClusterReconciler.class);

  private static final String NOT_STARTED = "NotStarted";
  private static final String ERROR = "Error";

  private final WorkloadClusters clusters;
  private final List<Step> steps;
  private final ClusterDeletion deletion;
  private final ClusterEvents events;
  private final EngineOptions options;
  private final Clock clock;
  private final WorkQueue<ClusterRef> queue = new WorkQueue<>();
  private final Map<ClusterRef, Integer> consecutiveErrors = new ConcurrentHashMap<>();
  private final ClusterChanges changes = new ClusterChanges();
  private final List<Thread> workers = new ArrayList<>();
  private SharedIndexInformer<GenericKubernetesResource> informer;
  /** Set by {@link #close}: a pass cut short by the shutdown is neither recorded nor worth a warning. */
  private volatile boolean closing;

  ClusterReconciler(
      WorkloadClusters clusters,
      List<Step> steps,
      ClusterDeletion deletion,
      ClusterEvents events,
      EngineOptions options,
      Clock clock) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("the engine needs at least one step");
    }
    this.clusters = clusters;
    this.steps = List.copyOf(steps);
    this.deletion = deletion;
    this.events = events;
    this.options = options;
    this.clock = clock;
  }

  /** The steps, in order. */
  public List<Step> steps() {
    return steps;
  }

  /** Starts watching WorkloadClusters and reconciling them in the background. */
  public synchronized void start() {
    if (informer != null) {
      throw new IllegalStateException("already started");
    }
    for (int i = 0; i < options.workers(); i++) {
      Thread worker = new Thread(this::work, "fulcrum-reconciler-" + i);
      worker.setDaemon(true);
      worker.start();
      workers.add(worker);
    }
    informer =
        clusters.inform(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(GenericKubernetesResource cluster) {
                enqueue(cluster);
              }

              @Override
              public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
                enqueue(after);
              }

              @Override
              public void onDelete(GenericKubernetesResource cluster, boolean finalStateUnknown) {
                ClusterRef ref = ClusterRef.of(KubeTrees.tree(cluster));
                consecutiveErrors.remove(ref);
                changes.changed(ref);
              }
            },
            options.resyncPeriod());
  }

  /** Stops the informer and the workers; a reconcile under way finishes its current call. */
  @Override
  public synchronized void close() {
    closing = true;
    if (informer != null) {
      informer.close();
    }
    queue.close();
    for (Thread worker : workers) {
      worker.interrupt();
    }
    for (Thread worker : workers) {
      try {
        worker.join(Duration.ofSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Reconciles one cluster now, in the calling thread.
   *
   * @return what the cluster needs next
   */
  public Next reconcile(ClusterRef ref) {
    Optional<ObjectNode> found = clusters.get(ref);
    if (found.isEmpty()) {
      return Next.IDLE;
    }
    ObjectNode cluster = found.get();
    if (cluster.at("/metadata/deletionTimestamp").isString()) {
      return deletion.reconcile(cluster);
    }
    if (!Finalizer.isOn(cluster)) {
      cluster = clusters.update(Finalizer.added(cluster));
    }
    return runSteps(cluster);
  }

  private Next runSteps(ObjectNode cluster) {
    WorkloadClusterState state = new WorkloadClusterState(cluster);
    ClusterStatus before = state.status();
    Instant now = clock.instant();
    Pass pass = new Pass(state, before, now.truncatedTo(ChronoUnit.SECONDS));
    for (Step step : steps) {
      pass.run(step);
    }
    ClusterStatus after = pass.status();

    // Events first: if the status write below is lost, the next reconcile reports the same
    // transitions again, and their deterministic names make the repeats no-ops.
    for (int i = 0; i < pass.transitions.size(); i++) {
      events.record(cluster, pass.transitions.get(i), now.plusNanos(1000L * i));
    }
    if (!after.equals(before)) {
      ObjectNode updated = cluster.deepCopy();
      // The agent's report and the observed version live beside the step status; keep them.
      ObjectNode status = cluster.path("status").isObject() ? (ObjectNode) cluster.get("status").deepCopy()
          : updated.objectNode();
      status.setAll(after.toTree());
      updated.set("status", status);
      try {
        clusters.updateStatus(updated);
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        log.debug("Cluster {}: changed by another writer during the pass; reconciling again", state.ref());
        return Next.AGAIN;
      }
    }
    if (pass.blockedByError) {
      return Next.RETRY;
    }
    return pass.blocking == StepOutcome.Result.WAITING ? Next.POLL : Next.IDLE;
  }

  /** One pass over the steps for one cluster: runs them until one is not done, noting conditions. */
  private final class Pass {
    private final WorkloadClusterState state;
    private final ClusterStatus before;
    private final Instant now;
    private final List<Condition> conditions = new ArrayList<>();
    private final List<ClusterEvents.Transition> transitions = new ArrayList<>();
    private Step blockedAt;
    private StepOutcome.Result blocking = StepOutcome.Result.DONE;
    private boolean blockedByError;

    Pass(WorkloadClusterState state, ClusterStatus before, Instant now) {
      this.state = state;
      this.before = before;
      this.now = now;
    }

    void run(Step step) {
      Optional<Condition> previous = before.condition(step.conditionType());
      if (blockedAt != null) {
        // Not reached: keep what an earlier pass recorded, or say it has not started.
        conditions.add(
            previous.orElseGet(
                () -> condition(step, Condition.UNKNOWN, NOT_STARTED, "waits for step " + blockedAt.name())));
        return;
      }
      StepOutcome outcome;
      boolean error = false;
      try {
        outcome = step.reconcile(state);
      } catch (RuntimeException e) {
        if (closing) {
          throw e; // cut short by the shutdown: record nothing, the next start runs the step again
        }
        log.warn("Cluster {}: step {} failed: {}", state.ref(), step.name(), e.getMessage());
        log.debug("Step failure", e);
        outcome = StepOutcome.waiting(ERROR, "will retry: " + e.getMessage());
        error = true;
      }
      String status = outcome.isDone() ? Condition.TRUE : Condition.FALSE;
      Condition next =
          previous.isPresent()
              ? previous.get().next(status, outcome.reason(), outcome.message(), now, state.generation())
              : condition(step, status, outcome.reason(), outcome.message());
      conditions.add(next);
      if (previous.isEmpty()
          || !previous.get().status().equals(next.status())
          || !previous.get().reason().equals(next.reason())) {
        transitions.add(
            new ClusterEvents.Transition(
                step.name(),
                previous.map(Condition::status).orElse(""),
                previous.map(Condition::reason).orElse(""),
                next.status(),
                next.reason(),
                next.message(),
                error || outcome.result() == StepOutcome.Result.FAILED));
        log.info("Cluster {}: {} {} ({}): {}", state.ref(), step.name(), next.status(), next.reason(), next.message());
      }
      if (!outcome.isDone()) {
        blockedAt = step;
        blocking = outcome.result();
        blockedByError = error;
      }
    }

    private Condition condition(Step step, String status, String reason, String message) {
      return new Condition(step.conditionType(), status, reason, message, now, state.generation());
    }

    ClusterStatus status() {
      Phase phase;
      if (blocking == StepOutcome.Result.FAILED) {
        phase = Phase.Failed;
      } else if (!state.isAccepted()) {
        phase = Phase.Pending;
      } else {
        phase = blockedAt == null ? Phase.Running : Phase.Provisioning;
      }
      String step = (blockedAt != null ? blockedAt : steps.get(steps.size() - 1)).name();
      Optional<String> clusterNamespace =
          state.isAccepted() ? Optional.of(state.request().namespace()) : before.clusterNamespace();
      return new ClusterStatus(state.generation(), Optional.of(phase), Optional.of(step), clusterNamespace, conditions);
    }
  }

  /** Calls {@code listener} whenever the stored cluster changes, until the handle is closed. */
  public AutoCloseable onChange(ClusterRef ref, Runnable listener) {
    return changes.listen(ref, listener);
  }

  private void enqueue(GenericKubernetesResource cluster) {
    ClusterRef ref = ClusterRef.of(KubeTrees.tree(cluster));
    changes.changed(ref);
    queue.add(ref, Duration.ZERO);
  }

  private void work() {
    while (true) {
      ClusterRef ref;
      try {
        ref = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (ref == null) {
        return;
      }
      try {
        schedule(ref, reconcile(ref));
      } catch (RuntimeException e) {
        if (closing) {
          log.debug("Cluster {}: reconcile stopped by the shutdown: {}", ref, e.getMessage());
        } else {
          log.warn("Cluster {}: reconcile failed, will retry: {}", ref, e.getMessage());
        }
        log.debug("Reconcile failure", e);
        schedule(ref, Next.RETRY);
      } finally {
        queue.done(ref);
      }
    }
  }

  private void schedule(ClusterRef ref, Next next) {
    switch (next) {
      case IDLE -> consecutiveErrors.remove(ref);
      case POLL -> {
        consecutiveErrors.remove(ref);
        queue.add(ref, options.pollInterval());
      }
      case RETRY -> {
        int errors = consecutiveErrors.merge(ref, 1, Integer::sum);
        queue.add(ref, retryDelay(errors));
      }
      case AGAIN -> queue.add(ref, Duration.ZERO);
    }
  }

  private Duration retryDelay(int consecutive) {
    Duration delay = options.minRetryDelay().multipliedBy(1L << Math.min(consecutive - 1, 20));
    return delay.compareTo(options.maxRetryDelay()) > 0 ? options.maxRetryDelay() : delay;
  }
}
