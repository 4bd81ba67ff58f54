package dev.fulcrum.sandbox.capi;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An infrastructure provider's machine controller and the simulated VM behind it. Following the contract's gate
 * order it waits for the cluster's infrastructure and the Machine's bootstrap data, then (after
 * {@link Delays#machine()}) provisions: a provider ID, addresses, provisioned per the contract. The VM then boots:
 * the first control-plane machine brings up the cluster's own API ({@code kubeadm init}), and after
 * {@link Delays#node()} the kubelet registers the Node, unless failures are injected.
 */
final class InfraMachineController implements Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(InfraMachineController.class);
  /** The provider ID scheme of simulated machines. */
  static final String PROVIDER_ID_SCHEME = "fulcrum-sandbox://";
  private static final Duration WAIT_FOR_API = Duration.ofSeconds(1);

  private final SimContext ctx;
  private final InfraKinds kinds;
  private final SimulatedHost host;

  InfraMachineController(SimContext ctx, InfraKinds kinds) {
    this.ctx = ctx;
    this.kinds = kinds;
    this.host = new SimulatedHost(ctx.workloads);
  }

  void watch(Controller controller) {
    ctx.informers.onChange(kinds.machineResource(), machine -> controller.enqueue(ObjectKey.of(machine)));
    ctx.informers.onChange(Capi.MACHINE, machine -> {
      if (kinds.group().equals(machine.text("/spec/infrastructureRef/apiGroup"))
          && kinds.machineKind().equals(machine.text("/spec/infrastructureRef/kind"))) {
        controller.enqueue(new ObjectKey(machine.namespace(), machine.text("/spec/infrastructureRef/name")));
      }
    });
    // The simulated kubelet follows its Node (the kubelet-stopped annotation).
    ctx.workloads.onNodeChange((clusterKey, node) -> {
      String machineName = node.getMetadata().getAnnotations() == null ? null
          : node.getMetadata().getAnnotations().get(MachineController.NODE_MACHINE_ANNOTATION);
      for (ApiObject machine : ctx.informers.cached(Capi.MACHINE, clusterKey.namespace())) {
        if (machine.name().equals(machineName)
            && kinds.group().equals(machine.text("/spec/infrastructureRef/apiGroup"))
            && kinds.machineKind().equals(machine.text("/spec/infrastructureRef/kind"))) {
          controller.enqueue(new ObjectKey(machine.namespace(), machine.text("/spec/infrastructureRef/name")));
        }
      }
    });
    ctx.informers.onChange(Capi.CLUSTER, cluster -> {
      for (ApiObject machine : ctx.informers.cached(kinds.machineResource(), cluster.namespace())) {
        if (cluster.name().equals(machine.labels().get(Capi.CLUSTER_NAME_LABEL))) {
          controller.enqueue(ObjectKey.of(machine));
        }
      }
    });
  }

  @Override
  public Result reconcile(ObjectKey key) {
    Optional<ApiObject> found = ctx.api.get(kinds.machineResource(), key.namespace(), key.name());
    if (found.isEmpty() || found.get().deleting()) {
      return Result.done();
    }
    ApiObject infraMachine = found.get();
    Optional<ApiObject> machine = infraMachine.owner(Capi.CORE_GROUP, "Machine")
        .flatMap(owner -> ctx.api.get(Capi.MACHINE, key.namespace(), owner.name()));
    Optional<ApiObject> cluster = machine.flatMap(m -> ctx.cluster(key.namespace(), m.text("/spec/clusterName")));
    if (cluster.isEmpty() || cluster.get().deleting() || machine.get().deleting()) {
      // Nothing boots or registers for a machine (or cluster) on its way out.
      return Result.done();
    }
    if (SimContext.paused(cluster.get(), infraMachine)) {
      ApiObject next = infraMachine.copy();
      Conditions.of(next, kinds.contract()).set("Paused", true, "Paused", "");
      ctx.writeStatus(kinds.machineResource(), infraMachine, next);
      return Result.done();
    }
    if (!InfraProviders.provisioned(infraMachine, kinds)) {
      return provision(infraMachine, machine.get(), cluster.get());
    }
    return boot(infraMachine, machine.get(), cluster.get());
  }

  private Result provision(ApiObject infraMachine, ApiObject machine, ApiObject cluster) {
    String waitingFor = !cluster.flag("/status/initialization/infrastructureProvisioned")
        ? "WaitingForClusterInfrastructure"
        : machine.text("/spec/bootstrap/dataSecretName") == null ? "WaitingForBootstrapData" : null;
    if (waitingFor != null) {
      ApiObject next = infraMachine.copy();
      Conditions.of(next, kinds.contract()).set("Ready", false, waitingFor, "").set("Paused", false, "NotPaused", "");
      ctx.writeStatus(kinds.machineResource(), infraMachine, next);
      return Result.done();
    }
    // A machine with a provider ID exists already (its status was lost in a move): adopt it at once.
    Duration left = infraMachine.text("/spec/providerID") != null ? Duration.ZERO
        : ctx.gate.remaining(infraMachine.uid(), "provision", ctx.delays.machine());
    if (!left.isZero()) {
      return Result.after(left);
    }
    ApiObject withId = infraMachine.copy();
    if (withId.text("/spec/providerID") == null) {
      withId.spec().put("providerID", PROVIDER_ID_SCHEME + infraMachine.namespace() + "/" + infraMachine.name());
    }
    ApiObject stored = ctx.writeObject(kinds.machineResource(), infraMachine, withId);
    ApiObject next = stored.copy();
    InfraProviders.markProvisioned(next, kinds);
    ArrayNode addresses = next.status().putArray("addresses");
    addresses.addObject().put("type", "InternalIP").put("address", internalIp(stored));
    addresses.addObject().put("type", "Hostname").put("address", stored.name());
    Conditions.of(next, kinds.contract()).set("Ready", true, "Ready", "").set("Paused", false, "NotPaused", "");
    ctx.writeStatus(kinds.machineResource(), stored, next);
    LOG.info("{} {}/{}: provisioned, provider ID {}", kinds.machineKind(), stored.namespace(), stored.name(),
        stored.text("/spec/providerID"));
    return Result.done();
  }

  private Result boot(ApiObject infraMachine, ApiObject machine, ApiObject cluster) {
    String api = WorkloadClusters.apiName(cluster);
    boolean controlPlane = machine.labels().containsKey(Capi.CONTROL_PLANE_LABEL);
    String version = Optional.ofNullable(machine.text("/spec/version")).orElse("v0.0.0");
    if (controlPlane && !host.apiRunning(api)) {
      JsonNode network = cluster.at("/spec/clusterNetwork");
      host.initControlPlane(api, cluster.name(), version, endpoint(cluster), CloudConfig.networking(network));
      LOG.info("cluster {}/{}: kubeadm init on {}, API {} is up", cluster.namespace(), cluster.name(),
          machine.name(), ctx.workloads.apis().url(api));
    }
    if (!host.apiRunning(api)) {
      return Result.after(WAIT_FOR_API);
    }
    Set<MachineFailure> failures = ctx.failures.failuresFor(
        new FailureInjection.Target(machine.namespace(), machine.name(), machine.labels()));
    if (failures.contains(MachineFailure.NEVER_GETS_NODE)) {
      return Result.done();
    }
    Optional<Node> node = host.node(api, machine.name());
    if (node.isEmpty()) {
      Duration left = ctx.gate.remaining(infraMachine.uid(), "node", ctx.delays.node());
      if (!left.isZero()) {
        return Result.after(left);
      }
    }
    if (node.isEmpty() && !stillWanted(infraMachine, machine)) {
      return Result.done(); // deleted meanwhile: its Node may have been deleted already and must not come back
    }
    host.ensureNode(api, machine.name(), infraMachine.text("/spec/providerID"), version, controlPlane,
        nodeAddresses(infraMachine));
    if (node.isEmpty()) {
      LOG.info("cluster {}/{}: node {} registered", cluster.namespace(), cluster.name(), machine.name());
    }
    Optional<Node> posted = host.node(api, machine.name());
    if (posted.isPresent() && SimulatedHost.kubeletStopped(posted.get())) {
      if (!SimulatedHost.statusUnknown(posted.get())) {
        Duration left = SimulatedHost.stoppedSince(posted.get()).isPresent() ? Duration.ZERO
            : ctx.gate.remaining(infraMachine.uid(), "kubelet-stopped", ctx.delays.nodeUnhealthy());
        if (!left.isZero()) {
          return Result.after(left);
        }
        host.markStatusUnknown(api, posted.get());
        LOG.info("cluster {}/{}: the kubelet of node {} stopped (annotation {}): node status Unknown",
            cluster.namespace(), cluster.name(), machine.name(), SimulatedHost.KUBELET_ANNOTATION);
      }
      return Result.done();
    }
    if (posted.isPresent() && SimulatedHost.statusUnknown(posted.get())) {
      host.postReady(api, posted.get());
      LOG.info("cluster {}/{}: the kubelet of node {} posts status again", cluster.namespace(), cluster.name(),
          machine.name());
    }
    if (failures.contains(MachineFailure.NODE_UNHEALTHY)) {
      Optional<Node> registered = host.node(api, machine.name()).filter(SimulatedHost::nodeReady);
      if (registered.isPresent()) {
        Duration left = ctx.gate.remaining(infraMachine.uid(), "unhealthy", ctx.delays.nodeUnhealthy());
        if (!left.isZero()) {
          return Result.after(left);
        }
        host.markNotReady(api, registered.get());
        LOG.info("cluster {}/{}: node {} went NotReady (injected failure)", cluster.namespace(), cluster.name(),
            machine.name());
      }
    }
    return Result.done();
  }

  /** Whether the machine and its infrastructure machine still exist and are not being deleted, read afresh. */
  private boolean stillWanted(ApiObject infraMachine, ApiObject machine) {
    return ctx.api.get(kinds.machineResource(), infraMachine.namespace(), infraMachine.name())
        .filter(current -> !current.deleting()).isPresent()
        && ctx.api.get(Capi.MACHINE, machine.namespace(), machine.name()).filter(current -> !current.deleting())
            .isPresent();
  }

  private static String endpoint(ApiObject cluster) {
    return cluster.text("/spec/controlPlaneEndpoint/host") + ":"
        + cluster.at("/spec/controlPlaneEndpoint/port").asInt(6443);
  }

  private static List<NodeAddress> nodeAddresses(ApiObject infraMachine) {
    List<NodeAddress> addresses = new ArrayList<>();
    for (JsonNode address : infraMachine.at("/status/addresses")) {
      addresses.add(new NodeAddress(address.path("address").stringValue(""), address.path("type").stringValue("")));
    }
    return addresses;
  }

  /** A stable private address per machine, {@code 10.x.y.z}. */
  private static String internalIp(ApiObject machine) {
    String hash = Trees.hash(machine.namespace() + "/" + machine.name(), 6);
    int bits = Integer.parseInt(hash, 16);
    return "10." + (bits >> 16 & 0xFF) + "." + (bits >> 8 & 0xFF) + "." + Math.max(1, bits & 0xFF);
  }
}
