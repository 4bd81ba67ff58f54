package dev.fulcrum.sandbox.capi;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays Cluster API core, the KubeadmControlPlane and kubeadm bootstrap providers and the given infrastructure
 * providers against one Kubernetes API, through that API only (informers, optimistic updates, status
 * subresources), as the real controllers would: Clusters get provisioned infrastructure and a control-plane
 * endpoint, control planes get Machines one at a time, Machines go Pending → Provisioning → Provisioned → Running
 * with a provider ID and a Node in the workload cluster's own API, MachineDeployments roll out MachineSets.
 *
 * <p>All state lives in the API: the simulator can be closed and started again at any point and continues where
 * it stopped. A paused Cluster's objects are left alone. It never runs against a real cluster's infrastructure; the
 * CRDs must be installed first ({@link CapiCrds#install}).
 */
public final class CapiSimulator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CapiSimulator.class);
  private static final int WORKERS_PER_CONTROLLER = 2;

  private final Informers informers;
  private final WorkloadClusters workloads;
  private final ScheduledExecutorService timers;
  private final List<Controller> controllers;

  private CapiSimulator(Informers informers, WorkloadClusters workloads, ScheduledExecutorService timers,
      List<Controller> controllers) {
    this.informers = informers;
    this.workloads = workloads;
    this.timers = timers;
    this.controllers = controllers;
  }

  /**
   * Starts simulating against the API {@code client} talks to; returns once every informer has listed its kind.
   * The client stays the caller's: closing the simulator does not close it.
   *
   * @throws IllegalStateException when a needed CRD is not installed, or the API cannot be watched
   */
  public static CapiSimulator start(KubernetesClient client, SimulatorOptions options) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(options, "options");
    requireCrds(client, options.infraKinds());
    KubeApi api = new KubeApi(client);
    Informers informers = new Informers(api, options.resync());
    WorkloadClusters workloads = new WorkloadClusters(api, options.workloadApis());
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "capi-timers");
      thread.setDaemon(true);
      return thread;
    });
    SimContext ctx = new SimContext(api, informers, new InfraProviders(options.infraKinds()), workloads,
        options.delays(), options.failures(), new DelayGate(Clock.systemUTC()));
    List<Controller> controllers = new ArrayList<>();
    CapiSimulator simulator = new CapiSimulator(informers, workloads, timers, controllers);
    try {
      ClusterController clusters = new ClusterController(ctx);
      add(controllers, "cluster", clusters, timers, clusters::watch);
      for (InfraKinds kinds : options.infraKinds()) {
        InfraClusterController infraClusters = new InfraClusterController(ctx, kinds);
        add(controllers, kinds.clusterKind().toLowerCase(Locale.ROOT), infraClusters, timers,
            infraClusters::watch);
        InfraMachineController infraMachines = new InfraMachineController(ctx, kinds);
        add(controllers, kinds.machineKind().toLowerCase(Locale.ROOT), infraMachines, timers,
            infraMachines::watch);
      }
      KubeadmControlPlaneController controlPlanes = new KubeadmControlPlaneController(ctx);
      add(controllers, "kubeadmcontrolplane", controlPlanes, timers, controlPlanes::watch);
      KubeadmConfigController configs = new KubeadmConfigController(ctx);
      add(controllers, "kubeadmconfig", configs, timers, configs::watch);
      MachineController machines = new MachineController(ctx);
      add(controllers, "machine", machines, timers, machines::watch);
      MachineDeploymentController deployments = new MachineDeploymentController(ctx);
      add(controllers, "machinedeployment", deployments, timers, deployments::watch);
      MachineSetController sets = new MachineSetController(ctx);
      add(controllers, "machineset", sets, timers, sets::watch);
      MachineHealthCheckController healthChecks = new MachineHealthCheckController(ctx);
      add(controllers, "machinehealthcheck", healthChecks, timers, healthChecks::watch);
      controllers.forEach(Controller::start);
      informers.start();
    } catch (RuntimeException e) {
      simulator.close();
      throw e;
    }
    LOG.info("CAPI simulator started for {} (infrastructure: {}, delays {})", client.getMasterUrl(),
        options.infraKinds().stream().map(InfraKinds::clusterKind).toList(), options.delays());
    return simulator;
  }

  private static void add(List<Controller> controllers, String name, Reconciler reconciler,
      ScheduledExecutorService timers, Consumer<Controller> watch) {
    Controller controller = new Controller(name, reconciler, timers, WORKERS_PER_CONTROLLER);
    watch.accept(controller);
    controllers.add(controller);
  }

  private static void requireCrds(KubernetesClient client, List<InfraKinds> infraKinds) {
    List<String> missing = missingCrds(client, Capi.simulatedKinds(infraKinds));
    if (!missing.isEmpty()) {
      throw new IllegalStateException("cannot simulate Cluster API: these CRDs are not installed or do not serve "
          + "the version used: " + missing + "; install them first with CapiCrds.install");
    }
  }

  /** The CRDs of {@code kinds} that are not installed or do not serve the version used, as {@code name (version)}. */
  static List<String> missingCrds(KubernetesClient client, List<ResourceKind> kinds) {
    List<String> missing = new ArrayList<>();
    for (ResourceKind kind : kinds) {
      CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
          .withName(kind.crdName()).get();
      boolean served = crd != null && crd.getSpec().getVersions().stream()
          .anyMatch(version -> version.getName().equals(kind.version()) && Boolean.TRUE.equals(version.getServed()));
      if (!served) {
        missing.add(kind.crdName() + " (" + kind.version() + ")");
      }
    }
    return missing;
  }

  /** Stops every controller and watch; the objects stay in the API as they are. */
  @Override
  public void close() {
    informers.close();
    controllers.forEach(Controller::close);
    timers.shutdownNow();
    workloads.close();
  }
}
