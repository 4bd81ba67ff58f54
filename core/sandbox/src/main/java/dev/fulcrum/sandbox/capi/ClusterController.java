package dev.fulcrum.sandbox.capi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cluster API core's Cluster controller: owns the infrastructure cluster and control plane it references, copies
 * the control-plane endpoint, bubbles up provisioning ({@code status.initialization}), sets the phase, the replica
 * counters and the v1beta2 conditions, probes the workload cluster's API, and on deletion stops that API.
 */
final class ClusterController implements Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterController.class);

  private final SimContext ctx;

  ClusterController(SimContext ctx) {
    this.ctx = ctx;
  }

  void watch(Controller controller) {
    ctx.informers.onChange(Capi.CLUSTER, cluster -> controller.enqueue(ObjectKey.of(cluster)));
    for (InfraKinds kinds : ctx.infra.all()) {
      ctx.informers.onChange(kinds.clusterResource(), infra -> enqueueCluster(controller, infra));
    }
    ctx.informers.onChange(Capi.KUBEADM_CONTROL_PLANE, kcp -> enqueueCluster(controller, kcp));
    ctx.informers.onChange(Capi.MACHINE_DEPLOYMENT, md -> enqueueCluster(controller, md));
    ctx.informers.onChange(Capi.MACHINE, machine -> enqueueCluster(controller, machine));
  }

  private static void enqueueCluster(Controller controller, ApiObject object) {
    String name = clusterNameOf(object);
    if (name != null) {
      controller.enqueue(new ObjectKey(object.namespace(), name));
    }
  }

  /** The Cluster an object belongs to: its cluster-name label, its {@code spec.clusterName} or its Cluster owner. */
  static String clusterNameOf(ApiObject object) {
    String label = object.labels().get(Capi.CLUSTER_NAME_LABEL);
    if (label != null && !label.isEmpty()) {
      return label;
    }
    String specName = object.text("/spec/clusterName");
    if (specName != null) {
      return specName;
    }
    return object.owner(Capi.CORE_GROUP, "Cluster").map(ApiObject.OwnerRef::name).orElse(null);
  }

  @Override
  public Result reconcile(ObjectKey key) {
    Optional<ApiObject> found = ctx.api.get(Capi.CLUSTER, key.namespace(), key.name());
    if (found.isEmpty()) {
      return Result.done();
    }
    ApiObject read = found.get();
    if (read.deleting()) {
      return delete(read);
    }
    boolean paused = SimContext.paused(read, read);
    ApiObject withFinalizer = read.copy();
    if (!paused) {
      withFinalizer.addFinalizer(Capi.CLUSTER_FINALIZER);
    }
    ApiObject cluster = ctx.writeObject(Capi.CLUSTER, read, withFinalizer);
    if (paused) {
      ApiObject next = cluster.copy();
      Conditions.of(next).set("Paused", true, "Paused", "");
      ctx.writeStatus(Capi.CLUSTER, cluster, next);
      return Result.done();
    }

    Optional<InfraKinds> infraKinds = ref(cluster, "infrastructureRef")
        .flatMap(ref -> ctx.infra.byClusterKind(ref.group(), ref.kind()));
    Optional<ApiObject> infra = infraKinds.flatMap(kinds -> adopt(cluster, kinds.clusterResource(),
        cluster.text("/spec/infrastructureRef/name")));
    Optional<ApiObject> controlPlane = ref(cluster, "controlPlaneRef")
        .filter(ref -> Capi.KUBEADM_CONTROL_PLANE.is(ref.group(), ref.kind()))
        .flatMap(ref -> adopt(cluster, Capi.KUBEADM_CONTROL_PLANE, ref.name()));

    boolean hasInfraRef = cluster.at("/spec/infrastructureRef").isObject();
    boolean infraProvisioned = !hasInfraRef
        || infra.isPresent() && InfraProviders.provisioned(infra.get(), infraKinds.get());
    ApiObject withEndpoint = cluster.copy();
    if (!validEndpoint(withEndpoint.at("/spec/controlPlaneEndpoint")) && infraProvisioned && infra.isPresent()) {
      JsonNode endpoint = infra.get().at("/spec/controlPlaneEndpoint");
      if (validEndpoint(endpoint)) {
        withEndpoint.spec().set("controlPlaneEndpoint", endpoint.deepCopy());
      }
    }
    ApiObject stored = ctx.writeObject(Capi.CLUSTER, cluster, withEndpoint);
    return updateStatus(stored, infra, infraKinds, controlPlane, infraProvisioned);
  }

  private Result updateStatus(ApiObject cluster, Optional<ApiObject> infra, Optional<InfraKinds> infraKinds,
      Optional<ApiObject> controlPlane, boolean infraProvisioned) {
    ApiObject next = cluster.copy();
    ObjectNode status = next.status();
    ObjectNode initialization = Trees.child(status, "initialization");
    boolean wasInitialized = cluster.flag("/status/initialization/controlPlaneInitialized");
    boolean cpInitialized = wasInitialized
        || controlPlane.map(cp -> cp.flag("/status/initialization/controlPlaneInitialized")).orElse(false);
    initialization.put("infrastructureProvisioned",
        infraProvisioned || cluster.flag("/status/initialization/infrastructureProvisioned"));
    initialization.put("controlPlaneInitialized", cpInitialized);
    boolean endpointValid = validEndpoint(cluster.at("/spec/controlPlaneEndpoint"));
    String phase = infraProvisioned && endpointValid ? "Provisioned"
        : cluster.at("/spec/infrastructureRef").isObject() || cluster.at("/spec/controlPlaneRef").isObject()
            ? "Provisioning" : "Pending";
    status.put("phase", phase);
    status.put("observedGeneration", cluster.generation());

    List<ApiObject> machines = ctx.api.list(Capi.MACHINE, cluster.namespace(),
        java.util.Map.of(Capi.CLUSTER_NAME_LABEL, cluster.name()));
    List<ApiObject> controlPlaneMachines = machines.stream()
        .filter(m -> m.labels().containsKey(Capi.CONTROL_PLANE_LABEL)).toList();
    List<ApiObject> workerMachines = machines.stream()
        .filter(m -> !m.labels().containsKey(Capi.CONTROL_PLANE_LABEL)).toList();
    List<ApiObject> deployments = ctx.api.list(Capi.MACHINE_DEPLOYMENT, cluster.namespace(),
        java.util.Map.of(Capi.CLUSTER_NAME_LABEL, cluster.name()));
    controlPlane.ifPresent(cp -> status.set("controlPlane", controlPlaneCounters(cp)));
    status.set("workers", workerCounters(deployments, workerMachines));

    boolean probe = cpInitialized && ctx.workloads.reachable(cluster);
    Conditions conditions = Conditions.of(next);
    conditions.set("Paused", false, "NotPaused", "");
    conditions.set("Deleting", false, "NotDeleting", "");
    if (infra.isPresent()) {
      conditions.set("InfrastructureReady", infraProvisioned, infraProvisioned ? "Ready" : "NotReady",
          infraProvisioned ? "" : infraKinds.get().clusterKind() + " is not provisioned yet");
    } else {
      conditions.set("InfrastructureReady", !cluster.at("/spec/infrastructureRef").isObject(),
          cluster.at("/spec/infrastructureRef").isObject() ? "InfrastructureDoesNotExist" : "Ready",
          cluster.at("/spec/infrastructureRef").isObject() ? "the infrastructure cluster does not exist" : "");
    }
    conditions.set("ControlPlaneInitialized", cpInitialized, cpInitialized ? "Initialized" : "NotInitialized",
        cpInitialized ? "" : "the control plane is not initialized yet");
    String cpAvailable = controlPlane.map(cp -> Conditions.status(cp, "Available")).orElse(Conditions.UNKNOWN);
    conditions.set("ControlPlaneAvailable", cpAvailable, Conditions.TRUE.equals(cpAvailable) ? "Available"
        : "NotAvailable", controlPlane.map(cp -> Conditions.message(cp, "Available")).orElse(""));
    List<String> unavailableDeployments = deployments.stream().filter(md -> !Conditions.isTrue(md, "Available"))
        .map(ApiObject::name).toList();
    conditions.set("WorkersAvailable", unavailableDeployments.isEmpty(),
        deployments.isEmpty() ? "NoWorkers" : unavailableDeployments.isEmpty() ? "Available" : "NotAvailable",
        unavailableDeployments.isEmpty() ? "" : "MachineDeployments not available: " + unavailableDeployments);
    machinesCondition(conditions, "ControlPlaneMachinesReady", controlPlaneMachines, "Ready");
    machinesCondition(conditions, "WorkerMachinesReady", workerMachines, "Ready");
    machinesCondition(conditions, "ControlPlaneMachinesUpToDate", controlPlaneMachines, "UpToDate");
    machinesCondition(conditions, "WorkerMachinesUpToDate", workerMachines, "UpToDate");
    conditions.set("RemoteConnectionProbe", probe, probe ? "ProbeSucceeded" : "ProbeFailed",
        probe ? "" : cpInitialized ? "the workload cluster's API does not answer" : "the control plane is not "
            + "initialized yet");
    boolean scalingUp = controlPlane.map(cp -> Conditions.isTrue(cp, "ScalingUp")).orElse(false)
        || deployments.stream().anyMatch(md -> Conditions.isTrue(md, "ScalingUp"));
    boolean scalingDown = controlPlane.map(cp -> Conditions.isTrue(cp, "ScalingDown")).orElse(false)
        || deployments.stream().anyMatch(md -> Conditions.isTrue(md, "ScalingDown"));
    conditions.set("ScalingUp", scalingUp, scalingUp ? "ScalingUp" : "NotScalingUp", "");
    conditions.set("ScalingDown", scalingDown, scalingDown ? "ScalingDown" : "NotScalingDown", "");
    List<String> notAvailable = new ArrayList<>();
    for (String gate : List.of("RemoteConnectionProbe", "InfrastructureReady", "ControlPlaneAvailable",
        "WorkersAvailable")) {
      if (!Conditions.isTrue(next, gate)) {
        notAvailable.add(gate);
      }
    }
    conditions.set("Available", notAvailable.isEmpty(), notAvailable.isEmpty() ? "Available" : "NotAvailable",
        notAvailable.isEmpty() ? "" : "not true: " + String.join(", ", notAvailable));

    if (cpInitialized && !wasInitialized) {
      LOG.info("cluster {}/{}: control plane initialized", cluster.namespace(), cluster.name());
    }
    ctx.writeStatus(Capi.CLUSTER, cluster, next);
    // The workload cluster's API is probed again on every resync.
    return Result.done();
  }

  /**
   * Deletion: once nothing owned remains to protect, stop the workload cluster's API and let the Cluster go. A
   * paused Cluster, and one deleted by clusterctl move, keep their API (it serves the moved cluster); only this
   * simulator's connections to it are dropped.
   */
  private Result delete(ApiObject cluster) {
    if (SimContext.paused(cluster, cluster) || SimContext.movedAway(cluster)) {
      ctx.workloads.forget(cluster);
      return Result.done();
    }
    if (!cluster.hasFinalizer(Capi.CLUSTER_FINALIZER)) {
      return Result.done();
    }
    ctx.workloads.forget(cluster);
    String api = WorkloadClusters.apiName(cluster);
    if (ctx.workloads.apis().delete(api)) {
      LOG.info("cluster {}/{}: deleted its API {}", cluster.namespace(), cluster.name(), api);
    }
    ApiObject next = cluster.copy();
    next.removeFinalizer(Capi.CLUSTER_FINALIZER);
    ctx.api.update(Capi.CLUSTER, next);
    return Result.done();
  }

  /** Makes the Cluster the controller owner of a referenced object; the object as stored, if it exists. */
  private Optional<ApiObject> adopt(ApiObject cluster, ResourceKind kind, String name) {
    return ctx.api.get(kind, cluster.namespace(), name).map(read -> {
      ApiObject owned = read.copy();
      owned.ensureOwner(cluster, true);
      owned.label(Capi.CLUSTER_NAME_LABEL, cluster.name());
      return ctx.writeObject(kind, read, owned);
    });
  }

  private record Ref(String group, String kind, String name) {}

  private static Optional<Ref> ref(ApiObject object, String field) {
    JsonNode ref = object.spec().path(field);
    String group = ref.path("apiGroup").stringValue(null);
    String kind = ref.path("kind").stringValue(null);
    String name = ref.path("name").stringValue(null);
    return group == null || kind == null || name == null ? Optional.empty() : Optional.of(new Ref(group, kind, name));
  }

  static boolean validEndpoint(JsonNode endpoint) {
    return !endpoint.path("host").stringValue("").isEmpty() && endpoint.path("port").asInt(0) > 0;
  }

  private static ObjectNode controlPlaneCounters(ApiObject controlPlane) {
    ObjectNode counters = Trees.object();
    counters.put("desiredReplicas", controlPlane.at("/spec/replicas").asInt(1));
    JsonNode status = controlPlane.at("/status");
    for (String field : List.of("replicas", "readyReplicas", "availableReplicas", "upToDateReplicas")) {
      counters.put(field, status.path(field).asInt(0));
    }
    return counters;
  }

  private static ObjectNode workerCounters(List<ApiObject> deployments, List<ApiObject> machines) {
    ObjectNode counters = Trees.object();
    int desired = deployments.stream().mapToInt(md -> md.at("/spec/replicas").asInt(1)).sum();
    int outsideDeployments = (int) machines.stream()
        .filter(m -> !m.labels().containsKey(Capi.DEPLOYMENT_NAME_LABEL)).count();
    counters.put("desiredReplicas", desired + outsideDeployments);
    counters.put("replicas", machines.size());
    counters.put("readyReplicas", count(machines, "Ready"));
    counters.put("availableReplicas", count(machines, "Available"));
    counters.put("upToDateReplicas", count(machines, "UpToDate"));
    return counters;
  }

  static int count(List<ApiObject> machines, String condition) {
    return (int) machines.stream().filter(m -> Conditions.isTrue(m, condition)).count();
  }

  /** An aggregate of one condition over machines: True when every machine has it True (or there are none). */
  static void machinesCondition(Conditions conditions, String type, List<ApiObject> machines, String condition) {
    List<String> not = machines.stream().filter(m -> !Conditions.isTrue(m, condition)).map(ApiObject::name)
        .sorted().toList();
    String reason = machines.isEmpty() ? "NoReplicas" : not.isEmpty() ? condition : "Not" + condition;
    conditions.set(type, not.isEmpty(), reason, not.isEmpty() ? "" : condition + " is not True on " + not);
  }
}
