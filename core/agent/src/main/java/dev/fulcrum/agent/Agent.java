package dev.fulcrum.agent;

import dev.fulcrum.agent.StatusReport.Phase;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-cluster agent: long-polls the management plane for the cluster's desired spec and caches it in its own
 * cluster, reconciles the cluster's CAPI objects to it (from the cache while the management plane is unreachable,
 * also after a restart), and reports status and events, keeping undelivered events in its own cluster.
 *
 * <p>Three loops run until {@link #close()}: the spec long poll (its own thread, backing off on failure), the
 * reconcile (on a timer, on a new spec, on Machine changes) and the report (on a timer and after notable changes).
 * A failure in one never stops the others.
 */
public final class Agent implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final AgentConfig config;
  private final ManagementPlane managementPlane;
  private final OwnCluster cluster;
  private final SpecCache cache;
  private final EventJournal journal;
  private final SpecReconciler reconciler;
  private final StatusObserver observer;
  private final Duration maxBackoff;
  private final AtomicReference<DesiredSpec> spec = new AtomicReference<>();
  private final AtomicReference<Outcome> outcome =
      new AtomicReference<>(Outcome.waiting("waiting for the first spec from the management plane"));
  private final AtomicReference<StatusReport> lastReport = new AtomicReference<>();
  private final ScheduledExecutorService reconcileLoop = singleThread("fulcrum-agent-reconcile");
  private final ScheduledExecutorService reportLoop = singleThread("fulcrum-agent-report");
  private final AtomicBoolean reconcileQueued = new AtomicBoolean();
  private final AtomicBoolean reportQueued = new AtomicBoolean();
  private final AtomicReference<MachineWatcher> machineWatcher = new AtomicReference<>();
  private final Thread specLoop;
  private volatile boolean closed;

  private Agent(AgentConfig config, KubernetesClient ownCluster) {
    this.config = config;
    this.managementPlane = new ManagementPlane(config);
    this.cluster = new OwnCluster(ownCluster);
    AgentConfigMaps configMaps = new AgentConfigMaps(ownCluster);
    this.cache = new SpecCache(configMaps);
    this.journal = EventJournal.load(configMaps, Clock.systemUTC());
    this.reconciler = new SpecReconciler(cluster,
        new AddonInstaller(cluster, configMaps, journal, config.addonTimings(), Clock.systemUTC()));
    this.observer = new StatusObserver(cluster);
    // No point retrying the management plane more slowly than the cluster is reconciled.
    this.maxBackoff = config.reconcileInterval().compareTo(MAX_BACKOFF) < 0
        ? config.reconcileInterval() : MAX_BACKOFF;
    this.specLoop = new Thread(this::pollSpecs, "fulcrum-agent-spec");
    this.specLoop.setDaemon(true);
  }

  /**
   * Starts an agent for the cluster {@code ownCluster} talks to. It loads the cached spec first, so it works at
   * once even when the management plane is unreachable. The client stays the caller's: closing the agent does not
   * close it.
   */
  public static Agent start(AgentConfig config, KubernetesClient ownCluster) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(ownCluster, "ownCluster");
    Agent agent = new Agent(config, ownCluster);
    LOG.info("agent starting for {} (management plane {})", config.cluster(), config.serverUrl());
    Optional<DesiredSpec> cached = agent.cache.load();
    cached.ifPresent(agent::accept);
    agent.journal.record("AgentStarted", cached.map(s -> "agent started with cached spec " + s.version())
        .orElse("agent started with no cached spec"));
    agent.reconcileLoop.scheduleWithFixedDelay(agent::triggerReconcile, 0,
        config.reconcileInterval().toMillis(), TimeUnit.MILLISECONDS);
    agent.reportLoop.scheduleWithFixedDelay(agent::triggerReport, 0, config.reportInterval().toMillis(),
        TimeUnit.MILLISECONDS);
    agent.specLoop.start();
    return agent;
  }

  /** The version of the spec the agent acts on, if it has one. */
  public Optional<String> specVersion() {
    return Optional.ofNullable(spec.get()).map(DesiredSpec::version);
  }

  /** The last status the agent computed (sent or not), if any yet. */
  public Optional<StatusReport> lastStatus() {
    return Optional.ofNullable(lastReport.get());
  }

  private void pollSpecs() {
    Duration backoff = FIRST_BACKOFF;
    while (!closed) {
      try {
        Optional<DesiredSpec> next = managementPlane.pollSpec(specVersion().orElse(""), config.pollWait());
        backoff = FIRST_BACKOFF;
        if (reconnected()) {
          triggerReport();
        }
        if (next.isPresent()) {
          receive(next.get());
        }
      } catch (ManagementPlane.UnreachableException | DesiredSpec.InvalidSpecException e) {
        if (closed) {
          return;
        }
        if (e instanceof ManagementPlane.UnreachableException) {
          journal.unreachable();
        }
        if (backoff.equals(FIRST_BACKOFF)) {
          LOG.warn("no spec from the management plane, retrying: {}", e.getMessage());
        } else {
          LOG.debug("no spec from the management plane, retrying in {} ms: {}", backoff.toMillis(), e.getMessage());
        }
        if (!sleep(backoff)) {
          return;
        }
        backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
      } catch (RuntimeException e) {
        LOG.warn("spec loop failed, retrying in {} ms", backoff.toMillis(), e);
        if (!sleep(backoff)) {
          return;
        }
      }
    }
  }

  private void receive(DesiredSpec next) {
    if (!next.cluster().equals(config.cluster())) {
      throw new DesiredSpec.InvalidSpecException(List.of("cluster: the spec is for " + next.cluster()
          + ", this agent runs in " + config.cluster()));
    }
    LOG.info("new spec {} ({} stage(s), desired Kubernetes {})", next.version(), next.stages().size(),
        next.desired().kubernetesVersion());
    try {
      cache.store(next);
    } catch (RuntimeException e) {
      LOG.warn("could not cache spec {}; acting on it anyway: {}", next.version(), e.getMessage());
    }
    accept(next);
    triggerReconcile();
  }

  private synchronized void accept(DesiredSpec next) {
    spec.set(next);
    if (machineWatcher.get() == null && !closed) {
      try {
        machineWatcher.set(MachineWatcher.start(cluster, next.namespace(), journal, this::triggerReconcile));
      } catch (RuntimeException e) {
        LOG.warn("could not watch Machines (remediations go unreported until the next attempt): {}",
            e.getMessage());
      }
    }
  }

  private void triggerReconcile() {
    if (!closed && reconcileQueued.compareAndSet(false, true)) {
      reconcileLoop.execute(this::reconcileOnce);
    }
  }

  private void triggerReport() {
    if (!closed && reportQueued.compareAndSet(false, true)) {
      reportLoop.execute(this::reportOnce);
    }
  }

  private void reconcileOnce() {
    reconcileQueued.set(false);
    DesiredSpec current = spec.get();
    Outcome previous = outcome.get();
    Outcome next;
    try {
      next = current == null ? previous : reconciler.reconcile(current);
    } catch (RuntimeException e) {
      if (closed) {
        return;
      }
      LOG.warn("reconcile of spec {} failed: {}", current.version(), e.getMessage());
      next = new Outcome(Phase.FAILED, "reconcile failed: " + e.getMessage(), previous.stageIndex(),
          previous.addons());
    }
    if (current != null && machineWatcher.get() == null) {
      accept(current);
    }
    outcome.set(next);
    if (!next.equals(previous)) {
      LOG.info("{}: {}", next.phase().wireName(), next.message());
      recordTransition(current, previous, next);
      triggerReport();
    }
  }

  private void recordTransition(DesiredSpec current, Outcome previous, Outcome next) {
    if (current == null) {
      return;
    }
    if (next.phase() == Phase.READY && previous.phase() != Phase.READY) {
      journal.record("Reconciled", "spec " + current.version() + " fully applied; every Machine is Running");
    } else if (next.stageIndex() > previous.stageIndex() && previous.stageIndex() >= 0) {
      journal.record("StageCompleted", "upgrade stage " + (previous.stageIndex() + 1) + " of "
          + current.stages().size() + " (Kubernetes " + current.stages().get(previous.stageIndex())
          .kubernetesVersion() + ") completed");
    }
  }

  private void reportOnce() {
    reportQueued.set(false);
    StatusReport report;
    try {
      report = observer.observe(spec.get(), outcome.get(), journal.now());
      lastReport.set(report);
    } catch (RuntimeException e) {
      if (!closed) {
        LOG.warn("could not read the cluster's status: {}", e.getMessage());
      }
      return;
    }
    List<AgentEvent> events = journal.pending();
    try {
      managementPlane.report(report.withEvents(events, report.reportedAt()));
      journal.delivered(events.size());
      if (reconnected() || !journal.pending().isEmpty()) {
        triggerReport();
      }
    } catch (ManagementPlane.UnreachableException e) {
      journal.unreachable();
      LOG.debug("status not delivered: {}", e.getMessage());
    }
  }

  /** Records the end of an outage, if there was one; true then. */
  private boolean reconnected() {
    int before = journal.pending().size();
    journal.reachable();
    return journal.pending().size() > before;
  }

  private boolean sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stops every loop and watch; the cache and state ConfigMaps stay for the next agent. */
  @Override
  public void close() {
    closed = true;
    specLoop.interrupt();
    reconcileLoop.shutdownNow();
    reportLoop.shutdownNow();
    MachineWatcher watcher = machineWatcher.getAndSet(null);
    if (watcher != null) {
      watcher.close();
    }
    try {
      specLoop.join(TimeUnit.SECONDS.toMillis(10));
      reconcileLoop.awaitTermination(10, TimeUnit.SECONDS);
      reportLoop.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("agent for {} stopped", config.cluster());
  }

  private static ScheduledExecutorService singleThread(String name) {
    return Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    });
  }
}
