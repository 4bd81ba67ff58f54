package dev.fulcrum.sandbox.capi;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cluster API core's Machine controller: owns the Machine's infrastructure machine and KubeadmConfig, copies the
 * bootstrap data Secret name and the provider ID into the spec, finds the Node by provider ID in the workload
 * cluster (through the kubeconfig, watching its Nodes), and keeps the phase (Pending, Provisioning, Provisioned,
 * Running, Deleting), {@code nodeRef}, {@code nodeInfo} and the v1beta2 conditions. On deletion it deletes the
 * infrastructure machine and, once that is gone, the Node.
 */
final class MachineController implements Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(MachineController.class);
  /** How often a machine waiting for its node looks again while the workload cluster's Nodes are not watched. */
  private static final Duration NODE_POLL = Duration.ofSeconds(1);
  /** How often a deleting machine looks again whether its infrastructure machine is gone. */
  private static final Duration INFRA_DELETION_POLL = Duration.ofMillis(200);
  static final String NODE_MACHINE_ANNOTATION = "cluster.x-k8s.io/machine";
  static final String NODE_CLUSTER_ANNOTATION = "cluster.x-k8s.io/cluster-name";
  static final String NODE_NAMESPACE_ANNOTATION = "cluster.x-k8s.io/cluster-namespace";

  private final SimContext ctx;
  private Controller controller;

  MachineController(SimContext ctx) {
    this.ctx = ctx;
  }

  void watch(Controller machines) {
    this.controller = machines;
    ctx.informers.onChange(Capi.MACHINE, machine -> machines.enqueue(ObjectKey.of(machine)));
    for (InfraKinds kinds : ctx.infra.all()) {
      ctx.informers.onChange(kinds.machineResource(), infra -> enqueueOwner(infra));
    }
    ctx.informers.onChange(Capi.KUBEADM_CONFIG, this::enqueueOwner);
    ctx.informers.onChange(Capi.CLUSTER, cluster -> enqueueMachinesOf(cluster.namespace(), cluster.name()));
  }

  private void enqueueOwner(ApiObject owned) {
    owned.owner(Capi.CORE_GROUP, "Machine")
        .ifPresent(owner -> controller.enqueue(new ObjectKey(owned.namespace(), owner.name())));
  }

  private void enqueueMachinesOf(String namespace, String clusterName) {
    for (ApiObject machine : ctx.informers.cached(Capi.MACHINE, namespace)) {
      if (clusterName.equals(machine.text("/spec/clusterName"))) {
        controller.enqueue(ObjectKey.of(machine));
      }
    }
  }

  @Override
  public Result reconcile(ObjectKey key) {
    Optional<ApiObject> found = ctx.api.get(Capi.MACHINE, key.namespace(), key.name());
    if (found.isEmpty()) {
      return Result.done();
    }
    ApiObject read = found.get();
    Optional<ApiObject> cluster = ctx.cluster(read.namespace(), read.text("/spec/clusterName"));
    if (read.deleting()) {
      return delete(read, cluster);
    }
    if (cluster.isEmpty()) {
      return Result.done();
    }
    if (SimContext.paused(cluster.get(), read)) {
      ApiObject next = read.copy();
      Conditions.of(next).set("Paused", true, "Paused", "");
      ctx.writeStatus(Capi.MACHINE, read, next);
      return Result.done();
    }
    ApiObject machine = read.copy();
    machine.addFinalizer(Capi.MACHINE_FINALIZER);
    machine.label(Capi.CLUSTER_NAME_LABEL, cluster.get().name());
    machine = ctx.writeObject(Capi.MACHINE, read, machine);

    Optional<ApiObject> bootstrap = adopt(machine, Capi.BOOTSTRAP_GROUP.equals(
        machine.text("/spec/bootstrap/configRef/apiGroup")) && Capi.KUBEADM_CONFIG.kind().equals(
        machine.text("/spec/bootstrap/configRef/kind")) ? Optional.of(Capi.KUBEADM_CONFIG) : Optional.empty(),
        machine.text("/spec/bootstrap/configRef/name"));
    Optional<InfraKinds> infraKinds = ctx.infra.byMachineKind(machine.text("/spec/infrastructureRef/apiGroup"),
        machine.text("/spec/infrastructureRef/kind"));
    Optional<ApiObject> infra = adopt(machine, infraKinds.map(InfraKinds::machineResource),
        machine.text("/spec/infrastructureRef/name"));
    boolean infraProvisioned = infra.isPresent() && InfraProviders.provisioned(infra.get(), infraKinds.get());

    ApiObject withRefs = machine.copy();
    if (withRefs.text("/spec/bootstrap/dataSecretName") == null) {
      bootstrap.filter(config -> config.flag("/status/initialization/dataSecretCreated"))
          .map(config -> config.text("/status/dataSecretName"))
          .ifPresent(name -> Trees.child(withRefs.spec(), "bootstrap").put("dataSecretName", name));
    }
    if (withRefs.text("/spec/providerID") == null && infraProvisioned
        && infra.get().text("/spec/providerID") != null) {
      withRefs.spec().put("providerID", infra.get().text("/spec/providerID"));
    }
    machine = ctx.writeObject(Capi.MACHINE, machine, withRefs);

    boolean watching = machine.text("/spec/providerID") != null
        && cluster.get().flag("/status/initialization/controlPlaneInitialized")
        && ctx.workloads.watchNodes(cluster.get(), () -> enqueueMachinesOf(cluster.get().namespace(),
            cluster.get().name()));
    Optional<Node> node = node(machine, cluster.get());
    Result result = updateStatus(machine, bootstrap, infra, infraProvisioned, node);
    // Until the workload cluster's Nodes are watched, a machine waiting for its node has to look again.
    return machine.text("/spec/providerID") != null && node.isEmpty() && !watching
        ? result.or(Result.after(NODE_POLL)) : result;
  }

  /** The machine's Node, found by provider ID in the workload cluster; annotated with its machine. */
  private Optional<Node> node(ApiObject machine, ApiObject cluster) {
    String providerId = machine.text("/spec/providerID");
    if (providerId == null || !cluster.flag("/status/initialization/controlPlaneInitialized")) {
      return Optional.empty();
    }
    Optional<KubernetesClient> client = ctx.workloads.viaKubeconfig(cluster);
    if (client.isEmpty()) {
      return Optional.empty();
    }
    try {
      Optional<Node> node = client.get().nodes().list().getItems().stream()
          .filter(candidate -> candidate.getSpec() != null && providerId.equals(candidate.getSpec().getProviderID()))
          .findFirst();
      if (node.isPresent() && !machine.name().equals(node.get().getMetadata().getAnnotations()
          .get(NODE_MACHINE_ANNOTATION))) {
        Node annotated = new NodeBuilder(node.get()).editMetadata()
            .addToAnnotations(NODE_MACHINE_ANNOTATION, machine.name())
            .addToAnnotations(NODE_CLUSTER_ANNOTATION, cluster.name())
            .addToAnnotations(NODE_NAMESPACE_ANNOTATION, cluster.namespace()).endMetadata().build();
        node = Optional.of(client.get().nodes().resource(annotated).update());
      }
      return node;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        throw e;
      }
      LOG.debug("machine {}/{}: cannot read the workload cluster's nodes: {}", machine.namespace(), machine.name(),
          e.getMessage());
      return Optional.empty();
    }
  }

  private Result updateStatus(ApiObject machine, Optional<ApiObject> bootstrap, Optional<ApiObject> infra,
      boolean infraProvisioned, Optional<Node> node) {
    ApiObject next = machine.copy();
    ObjectNode status = next.status();
    boolean bootstrapReady = machine.text("/spec/bootstrap/dataSecretName") != null;
    boolean wasProvisioned = machine.flag("/status/initialization/infrastructureProvisioned");
    ObjectNode initialization = Trees.child(status, "initialization");
    initialization.put("bootstrapDataSecretCreated", bootstrapReady);
    initialization.put("infrastructureProvisioned", infraProvisioned || wasProvisioned);
    infra.map(i -> i.at("/status/addresses")).filter(JsonNode::isArray)
        .ifPresent(addresses -> status.set("addresses", addresses.deepCopy()));
    node.ifPresent(n -> {
      status.putObject("nodeRef").put("name", n.getMetadata().getName());
      if (n.getStatus() != null && n.getStatus().getNodeInfo() != null) {
        status.set("nodeInfo", ctx.api.treeOf(n.getStatus().getNodeInfo()));
      }
    });
    String phase = phase(machine, infraProvisioned || wasProvisioned, status.hasNonNull("nodeRef"));
    if (!phase.equals(machine.text("/status/phase"))) {
      status.put("lastUpdated", Trees.timestamp(Instant.now()));
      LOG.info("machine {}/{}: {}", machine.namespace(), machine.name(), phase);
    }
    status.put("phase", phase);
    status.put("observedGeneration", machine.generation());

    Conditions conditions = Conditions.of(next);
    conditions.set("Paused", false, "NotPaused", "").set("Deleting", false, "NotDeleting", "");
    conditions.set("BootstrapConfigReady", bootstrapReady, bootstrapReady ? "Ready"
        : bootstrap.isEmpty() ? "BootstrapConfigDoesNotExist" : "NotReady",
        bootstrapReady ? "" : bootstrap.map(b -> Conditions.message(b, "Ready")).orElse(""));
    conditions.set("InfrastructureReady", infraProvisioned, infraProvisioned ? "Ready"
        : infra.isEmpty() ? "InfrastructureDoesNotExist" : "NotReady", "");
    String nodeReady = node.map(MachineController::readyStatus).orElse(Conditions.UNKNOWN);
    String nodeReason = node.isPresent() ? "NodeReady" + nodeReady
        : machine.text("/spec/providerID") == null ? "WaitingForNode" : "NodeDoesNotExist";
    if (node.isEmpty() && machine.text("/spec/providerID") != null) {
      nodeReady = Conditions.FALSE;
    }
    conditions.set("NodeReady", nodeReady, nodeReason, "");
    boolean nodeHealthy = Conditions.TRUE.equals(nodeReady);
    conditions.set("NodeHealthy", nodeHealthy, nodeHealthy ? "NodeHealthy" : node.isPresent() ? "NodeNotHealthy"
        : nodeReason, nodeHealthy ? "" : node.isPresent() ? "Node Ready is " + nodeReady : "");
    // A health check's verdict counts once a check has given one.
    boolean healthChecked = !Conditions.FALSE.equals(Conditions.status(machine, "HealthCheckSucceeded"));
    boolean ready = bootstrapReady && infraProvisioned && nodeHealthy && healthChecked;
    conditions.set("Ready", ready, ready ? "Ready" : "NotReady", healthChecked ? ""
        : Conditions.message(machine, "HealthCheckSucceeded"));
    Duration minReady = Duration.ofSeconds(machine.at("/spec/minReadySeconds").asInt(0));
    Instant readySince = Conditions.get(next, "Ready")
        .map(c -> Instant.parse(c.path("lastTransitionTime").stringValue(""))).orElse(Instant.now());
    Duration untilAvailable = Duration.between(Instant.now(), readySince.plus(minReady));
    boolean available = ready && (untilAvailable.isNegative() || untilAvailable.isZero());
    conditions.set("Available", available, available ? "Available" : ready ? "WaitingForMinReadySeconds"
        : "NotReady", "");
    ctx.writeStatus(Capi.MACHINE, machine, next);

    return ready && !available ? Result.after(untilAvailable) : Result.done();
  }

  /** The phase Cluster API derives (informational only). */
  private static String phase(ApiObject machine, boolean infraProvisioned, boolean hasNode) {
    if (hasNode && infraProvisioned) {
      return "Running";
    }
    if (machine.text("/spec/providerID") != null) {
      return "Provisioned";
    }
    if (machine.text("/spec/bootstrap/dataSecretName") != null) {
      return "Provisioning";
    }
    return "Pending";
  }

  private static String readyStatus(Node node) {
    if (node.getStatus() == null) {
      return Conditions.UNKNOWN;
    }
    return node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
        .map(c -> c.getStatus()).findFirst().orElse(Conditions.UNKNOWN);
  }

  /** Makes the Machine the controller owner of a referenced object; the object as stored, if it exists. */
  private Optional<ApiObject> adopt(ApiObject machine, Optional<ResourceKind> kind, String name) {
    if (kind.isEmpty() || name == null) {
      return Optional.empty();
    }
    return ctx.api.get(kind.get(), machine.namespace(), name).map(read -> {
      ApiObject owned = read.copy();
      owned.ensureOwner(machine, true);
      owned.label(Capi.CLUSTER_NAME_LABEL, machine.text("/spec/clusterName"));
      return ctx.writeObject(kind.get(), read, owned);
    });
  }

  /** Deletion: the Node goes first (no drain to simulate), then the finalizer; owned objects follow by GC. */
  private Result delete(ApiObject machine, Optional<ApiObject> cluster) {
    if (!machine.hasFinalizer(Capi.MACHINE_FINALIZER) || SimContext.movedAway(machine)
        || cluster.map(c -> SimContext.paused(c, machine) || SimContext.movedAway(c)).orElse(false)) {
      return Result.done();
    }
    // As Cluster API does: the infrastructure machine goes first, and the Node only once it is gone, so that no
    // host still booting registers the Node again after it was deleted.
    Optional<InfraKinds> infraKinds = ctx.infra.byMachineKind(machine.text("/spec/infrastructureRef/apiGroup"),
        machine.text("/spec/infrastructureRef/kind"));
    String infraName = machine.text("/spec/infrastructureRef/name");
    if (infraKinds.isPresent() && infraName != null
        && ctx.api.get(infraKinds.get().machineResource(), machine.namespace(), infraName).isPresent()) {
      ctx.api.delete(infraKinds.get().machineResource(), machine.namespace(), infraName);
      return Result.after(INFRA_DELETION_POLL);
    }
    String nodeName = machine.text("/status/nodeRef/name");
    if (nodeName != null && cluster.isPresent()) {
      try {
        ctx.workloads.viaKubeconfig(cluster.get())
            .ifPresent(client -> client.nodes().withName(nodeName).delete());
      } catch (KubernetesClientException e) {
        LOG.debug("machine {}/{}: node {} not deleted: {}", machine.namespace(), machine.name(), nodeName,
            e.getMessage());
      }
    }
    ApiObject next = machine.copy();
    next.removeFinalizer(Capi.MACHINE_FINALIZER);
    ctx.api.update(Capi.MACHINE, next);
    LOG.info("machine {}/{}: deleted", machine.namespace(), machine.name());
    return Result.done();
  }
}
