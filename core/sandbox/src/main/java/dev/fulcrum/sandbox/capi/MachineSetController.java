package dev.fulcrum.sandbox.capi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cluster API core's MachineSet controller: keeps {@code spec.replicas} Machines made from its template (each with
 * an infrastructure machine and a KubeadmConfig cloned from the templates), creating missing ones together and
 * deleting surplus ones (marked for deletion first, then unhealthy, then by {@code spec.deletion.order}); marks its
 * machines up to date while it is its MachineDeployment's current set.
 */
final class MachineSetController implements Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(MachineSetController.class);

  private final SimContext ctx;
  private final MachineParts parts;

  MachineSetController(SimContext ctx) {
    this.ctx = ctx;
    this.parts = new MachineParts(ctx);
  }

  void watch(Controller controller) {
    ctx.informers.onChange(Capi.MACHINE_SET, set -> controller.enqueue(ObjectKey.of(set)));
    ctx.informers.onChange(Capi.MACHINE, machine -> machine.owner(Capi.CORE_GROUP, "MachineSet")
        .ifPresent(owner -> controller.enqueue(new ObjectKey(machine.namespace(), owner.name()))));
    ctx.informers.onChange(Capi.MACHINE_DEPLOYMENT, md -> {
      for (ApiObject set : ctx.informers.cached(Capi.MACHINE_SET, md.namespace())) {
        if (set.ownedBy(md)) {
          controller.enqueue(ObjectKey.of(set));
        }
      }
    });
    ctx.informers.onChange(Capi.CLUSTER, cluster -> {
      for (ApiObject set : ctx.informers.cached(Capi.MACHINE_SET, cluster.namespace())) {
        if (cluster.name().equals(set.text("/spec/clusterName"))) {
          controller.enqueue(ObjectKey.of(set));
        }
      }
    });
  }

  @Override
  public Result reconcile(ObjectKey key) {
    Optional<ApiObject> found = ctx.api.get(Capi.MACHINE_SET, key.namespace(), key.name());
    if (found.isEmpty() || found.get().deleting()) {
      return Result.done();
    }
    ApiObject read = found.get();
    Optional<ApiObject> cluster = ctx.cluster(read.namespace(), read.text("/spec/clusterName"));
    if (cluster.isEmpty()) {
      return Result.done();
    }
    if (SimContext.paused(cluster.get(), read)) {
      ApiObject paused = read.copy();
      Conditions.of(paused).set("Paused", true, "Paused", "");
      ctx.writeStatus(Capi.MACHINE_SET, read, paused);
      return Result.done();
    }
    ApiObject labelled = read.copy();
    labelled.label(Capi.CLUSTER_NAME_LABEL, cluster.get().name());
    ApiObject set = ctx.writeObject(Capi.MACHINE_SET, read, labelled);
    ApiObject next = set.copy();
    Conditions conditions = Conditions.of(next);
    conditions.set("Paused", false, "NotPaused", "").set("Deleting", false, "NotDeleting", "");

    JsonNode infraRef = set.at("/spec/template/spec/infrastructureRef");
    Optional<InfraKinds> infra = ctx.infra.byTemplateKind(infraRef.path("apiGroup").stringValue(""),
        infraRef.path("kind").stringValue(""));
    List<ApiObject> machines = remediate(set, machines(set));
    if (infra.isEmpty()) {
      conditions.set("MachinesCreated", false, "InfrastructureTemplateNotSupported", "no simulated "
          + "infrastructure provider has machine template " + infraRef.path("kind").stringValue(""));
    } else {
      for (ApiObject machine : machines) {
        if (!machine.deleting()) {
          completeParts(set, machine, infra.get(), conditions);
        }
      }
      scale(set, cluster.get(), infra.get(), machines, conditions);
      machines = machines(set);
    }
    updateStatus(set, next, markUpToDate(set, machines));
    return Result.done();
  }

  /** Deletes the machines a health check asked to remediate (they are replaced as missing); the machines left. */
  private List<ApiObject> remediate(ApiObject set, List<ApiObject> machines) {
    boolean deleted = false;
    for (ApiObject machine : machines) {
      if (!machine.deleting() && MachineHealthCheckController.remediationRequested(machine)) {
        LOG.info("MachineSet {}/{}: remediating unhealthy Machine {}", set.namespace(), set.name(), machine.name());
        ctx.api.delete(Capi.MACHINE, machine.namespace(), machine.name());
        deleted = true;
      }
    }
    return deleted ? machines(set) : machines;
  }

  private List<ApiObject> machines(ApiObject set) {
    return ctx.api.list(Capi.MACHINE, set.namespace(), Map.of(Capi.SET_NAME_LABEL, Capi.labelValue(set.name())))
        .stream().filter(m -> m.controlledBy(set)).toList();
  }

  private void scale(ApiObject set, ApiObject cluster, InfraKinds infra, List<ApiObject> machines,
      Conditions conditions) {
    int desired = set.at("/spec/replicas").asInt(1);
    List<ApiObject> active = machines.stream().filter(m -> !m.deleting()).toList();
    for (int i = active.size(); i < desired; i++) {
      createMachine(set, cluster, infra, conditions);
    }
    if (active.size() > desired) {
      Comparator<ApiObject> byAge = Comparator.comparing(ApiObject::creationTimestamp).thenComparing(ApiObject::name);
      Comparator<ApiObject> order = "Oldest".equals(set.text("/spec/deletion/order")) ? byAge : byAge.reversed();
      List<ApiObject> victims = active.stream()
          .sorted(Comparator.comparing((ApiObject m) -> !m.annotations().containsKey(Capi.DELETE_MACHINE_ANNOTATION))
              .thenComparing(m -> Conditions.isTrue(m, "NodeHealthy")).thenComparing(order))
          .limit(active.size() - desired).toList();
      for (ApiObject victim : victims) {
        LOG.info("MachineSet {}/{}: scaling down, deleting Machine {}", set.namespace(), set.name(), victim.name());
        ctx.api.delete(Capi.MACHINE, victim.namespace(), victim.name());
      }
    }
  }

  private void createMachine(ApiObject set, ApiObject cluster, InfraKinds infra, Conditions conditions) {
    String name = MachineParts.newName(set.name());
    Map<String, String> labels = (Trees.stringMap(set.at("/spec/template/metadata/labels")));
    labels.put(Capi.SET_NAME_LABEL, Capi.labelValue(set.name()));
    labels.put(Capi.CLUSTER_NAME_LABEL, cluster.name());
    ObjectNode spec = Trees.copyOf(set.at("/spec/template/spec"));
    ObjectNode refs = MachineParts.machineSpec(cluster.name(), spec.path("version").stringValue(null), name, infra);
    spec.put("clusterName", cluster.name());
    spec.set("infrastructureRef", refs.get("infrastructureRef"));
    if (spec.at("/bootstrap/configRef").isObject()) {
      Trees.child(spec, "bootstrap").set("configRef", refs.at("/bootstrap/configRef"));
    }
    ApiObject machine = parts.createMachine(set, name, labels,
        Trees.stringMap(set.at("/spec/template/metadata/annotations")), spec);
    LOG.info("MachineSet {}/{}: created Machine {}", set.namespace(), set.name(), name);
    completeParts(set, machine, infra, conditions);
  }

  private void completeParts(ApiObject set, ApiObject machine, InfraKinds infra, Conditions conditions) {
    Map<String, String> labels = Map.of(Capi.CLUSTER_NAME_LABEL, machine.text("/spec/clusterName"));
    String infraTemplate = set.text("/spec/template/spec/infrastructureRef/name");
    boolean created = parts.ensureInfraMachine(machine, infra, infraTemplate, labels);
    JsonNode configRef = set.at("/spec/template/spec/bootstrap/configRef");
    if (Capi.KUBEADM_CONFIG_TEMPLATE.is(configRef.path("apiGroup").stringValue(""),
        configRef.path("kind").stringValue(""))) {
      created &= parts.ensureBootstrapConfigFromTemplate(machine, configRef.path("name").stringValue(""), labels);
    }
    conditions.set("MachinesCreated", created, created ? "Created" : "TemplateNotFound",
        created ? "" : "a template of " + set.name() + " does not exist");
  }

  /**
   * Sets each machine's UpToDate condition: a set is current unless it belongs to a MachineDeployment whose template
   * has changed since. Returns the machines as stored.
   */
  private List<ApiObject> markUpToDate(ApiObject set, List<ApiObject> machines) {
    boolean current = set.owner(Capi.CORE_GROUP, "MachineDeployment")
        .flatMap(owner -> ctx.api.get(Capi.MACHINE_DEPLOYMENT, set.namespace(), owner.name()))
        .map(md -> MachineDeploymentController.templateHash(md).equals(set.labels().get(Capi.TEMPLATE_HASH_LABEL)))
        .orElse(true);
    List<ApiObject> stored = new ArrayList<>();
    for (ApiObject machine : machines) {
      ApiObject marked = machine.copy();
      Conditions.of(marked).set("UpToDate", current, current ? "UpToDate" : "NotUpToDate",
          current ? "" : "its MachineDeployment's template has changed");
      stored.add(ctx.writeStatus(Capi.MACHINE, machine, marked));
    }
    return stored;
  }

  private void updateStatus(ApiObject set, ApiObject next, List<ApiObject> machines) {
    ObjectNode status = next.status();
    int desired = set.at("/spec/replicas").asInt(1);
    status.put("replicas", machines.size());
    status.put("readyReplicas", ClusterController.count(machines, "Ready"));
    status.put("availableReplicas", ClusterController.count(machines, "Available"));
    status.put("upToDateReplicas", ClusterController.count(machines, "UpToDate"));
    status.put("selector", Capi.selectorString(set.at("/spec/selector")));
    status.put("observedGeneration", set.generation());
    Conditions conditions = Conditions.of(next);
    conditions.set("ScalingUp", machines.size() < desired, machines.size() < desired ? "ScalingUp" : "NotScalingUp",
        "");
    conditions.set("ScalingDown", machines.size() > desired,
        machines.size() > desired ? "ScalingDown" : "NotScalingDown", "");
    ClusterController.machinesCondition(conditions, "MachinesReady", machines, "Ready");
    ClusterController.machinesCondition(conditions, "MachinesUpToDate", machines, "UpToDate");
    ctx.writeStatus(Capi.MACHINE_SET, set, next);
  }
}
