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
 * Cluster API core's MachineDeployment controller: keeps one MachineSet per version of the machine template (named
 * and labelled by the template's hash) and moves replicas from old sets to the current one as the rollout strategy
 * allows ({@code RollingUpdate} with maxSurge/maxUnavailable, or {@code OnDelete}); sets the phase, replica
 * counters and conditions.
 */
final class MachineDeploymentController implements Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(MachineDeploymentController.class);
  static final int HASH_LENGTH = 10;

  private final SimContext ctx;

  MachineDeploymentController(SimContext ctx) {
    this.ctx = ctx;
  }

  void watch(Controller controller) {
    ctx.informers.onChange(Capi.MACHINE_DEPLOYMENT, md -> controller.enqueue(ObjectKey.of(md)));
    ctx.informers.onChange(Capi.MACHINE_SET, set -> set.owner(Capi.CORE_GROUP, "MachineDeployment")
        .ifPresent(owner -> controller.enqueue(new ObjectKey(set.namespace(), owner.name()))));
    ctx.informers.onChange(Capi.CLUSTER, cluster -> {
      for (ApiObject md : ctx.informers.cached(Capi.MACHINE_DEPLOYMENT, cluster.namespace())) {
        if (cluster.name().equals(md.text("/spec/clusterName"))) {
          controller.enqueue(ObjectKey.of(md));
        }
      }
    });
  }

  /** The hash naming the current version of a deployment's machine template. */
  static String templateHash(ApiObject deployment) {
    return Trees.hash(deployment.at("/spec/template"), HASH_LENGTH);
  }

  @Override
  public Result reconcile(ObjectKey key) {
    Optional<ApiObject> found = ctx.api.get(Capi.MACHINE_DEPLOYMENT, key.namespace(), key.name());
    if (found.isEmpty() || found.get().deleting()) {
      return Result.done();
    }
    ApiObject read = found.get();
    Optional<ApiObject> cluster = ctx.cluster(read.namespace(), read.text("/spec/clusterName"));
    if (cluster.isEmpty()) {
      return Result.done();
    }
    if (SimContext.paused(cluster.get(), read) || read.flag("/spec/paused")) {
      ApiObject next = read.copy();
      Conditions.of(next).set("Paused", true, "Paused", "");
      ctx.writeStatus(Capi.MACHINE_DEPLOYMENT, read, next);
      return Result.done();
    }
    ApiObject owned = read.copy();
    owned.ensureOwner(cluster.get(), false);
    owned.label(Capi.CLUSTER_NAME_LABEL, cluster.get().name());
    ApiObject md = ctx.writeObject(Capi.MACHINE_DEPLOYMENT, read, owned);
    adoptTemplates(md, cluster.get());

    String hash = templateHash(md);
    List<ApiObject> sets = sets(md);
    Optional<ApiObject> current = sets.stream().filter(s -> hash.equals(s.labels().get(Capi.TEMPLATE_HASH_LABEL)))
        .findFirst();
    List<ApiObject> old = sets.stream().filter(s -> !hash.equals(s.labels().get(Capi.TEMPLATE_HASH_LABEL)))
        .sorted(Comparator.comparing(ApiObject::creationTimestamp).thenComparing(ApiObject::name)).toList();
    int desired = md.at("/spec/replicas").asInt(1);
    Plan plan = plan(md, desired, current, old);
    ApiObject currentSet = current.isPresent()
        ? scale(current.get(), plan.current())
        : createSet(md, cluster.get(), hash, plan.current());
    for (int i = 0; i < old.size(); i++) {
      ApiObject set = old.get(i);
      int replicas = plan.old().get(i);
      if (replicas == 0 && set.at("/status/replicas").asInt(0) == 0) {
        LOG.info("MachineDeployment {}/{}: deleting drained MachineSet {}", md.namespace(), md.name(), set.name());
        ctx.api.delete(Capi.MACHINE_SET, set.namespace(), set.name());
      } else {
        scale(set, replicas);
      }
    }
    updateStatus(md, desired, currentSet, old);
    return Result.done();
  }

  private void adoptTemplates(ApiObject md, ApiObject cluster) {
    JsonNode infraRef = md.at("/spec/template/spec/infrastructureRef");
    ctx.infra.byTemplateKind(infraRef.path("apiGroup").stringValue(""), infraRef.path("kind").stringValue(""))
        .ifPresent(kinds -> adoptTemplate(kinds.machineTemplateResource(), md, cluster,
            infraRef.path("name").stringValue("")));
    JsonNode configRef = md.at("/spec/template/spec/bootstrap/configRef");
    if (Capi.KUBEADM_CONFIG_TEMPLATE.is(configRef.path("apiGroup").stringValue(""),
        configRef.path("kind").stringValue(""))) {
      adoptTemplate(Capi.KUBEADM_CONFIG_TEMPLATE, md, cluster, configRef.path("name").stringValue(""));
    }
  }

  private void adoptTemplate(ResourceKind kind, ApiObject md, ApiObject cluster, String name) {
    ctx.api.get(kind, md.namespace(), name).ifPresent(template -> {
      ApiObject owned = template.copy();
      owned.ensureOwner(cluster, false);
      ctx.writeObject(kind, template, owned);
    });
  }

  private List<ApiObject> sets(ApiObject md) {
    return ctx.api.list(Capi.MACHINE_SET, md.namespace(), Map.of(Capi.DEPLOYMENT_NAME_LABEL,
        Capi.labelValue(md.name()))).stream().filter(set -> set.controlledBy(md)).toList();
  }

  /** Replicas for the current set and for each old set (oldest first). */
  private record Plan(int current, List<Integer> old) {}

  private static Plan plan(ApiObject md, int desired, Optional<ApiObject> current, List<ApiObject> old) {
    List<Integer> oldReplicas = new ArrayList<>();
    old.forEach(set -> oldReplicas.add(set.at("/spec/replicas").asInt(0)));
    if (old.isEmpty()) {
      return new Plan(desired, oldReplicas);
    }
    int currentReplicas = current.map(set -> set.at("/spec/replicas").asInt(0)).orElse(0);
    if ("OnDelete".equals(md.text("/spec/rollout/strategy/type"))) {
      int running = old.stream().mapToInt(set -> set.at("/status/replicas").asInt(0)).sum();
      return new Plan(Math.max(0, desired - running), oldReplicas);
    }
    JsonNode rolling = md.at("/spec/rollout/strategy/rollingUpdate");
    int maxSurge = resolve(rolling.path("maxSurge"), desired, true, 1);
    int maxUnavailable = resolve(rolling.path("maxUnavailable"), desired, false, 0);
    if (maxSurge == 0 && maxUnavailable == 0) {
      maxUnavailable = 1;
    }
    int total = currentReplicas + oldReplicas.stream().mapToInt(Integer::intValue).sum();
    int next = Math.min(desired, currentReplicas + Math.max(0, desired + maxSurge - total));
    int available = current.map(MachineDeploymentController::available).orElse(0)
        + old.stream().mapToInt(MachineDeploymentController::available).sum();
    int removable = Math.max(0, available - (desired - maxUnavailable));
    for (int i = 0; i < old.size(); i++) {
      int replicas = oldReplicas.get(i);
      int unavailable = Math.max(0, replicas - old.get(i).at("/status/availableReplicas").asInt(0));
      replicas -= Math.min(replicas, unavailable);
      int cut = Math.min(replicas, removable);
      removable -= cut;
      oldReplicas.set(i, replicas - cut);
    }
    return new Plan(next, oldReplicas);
  }

  /**
   * The available machines a set can be counted on for: never more than it is asked to keep, because a set just
   * scaled down still reports the machines it is about to delete.
   */
  private static int available(ApiObject set) {
    return Math.min(set.at("/spec/replicas").asInt(0), set.at("/status/availableReplicas").asInt(0));
  }

  /** An int-or-percent rollout field against {@code desired} (percentages round up for surge, down otherwise). */
  static int resolve(JsonNode value, int desired, boolean roundUp, int fallback) {
    if (value.isNumber()) {
      return value.asInt();
    }
    String text = value.stringValue(null);
    if (text == null || !text.endsWith("%")) {
      return fallback;
    }
    double share = Integer.parseInt(text.substring(0, text.length() - 1)) * desired / 100.0;
    return (int) (roundUp ? Math.ceil(share) : Math.floor(share));
  }

  private ApiObject scale(ApiObject set, int replicas) {
    if (set.at("/spec/replicas").asInt(-1) == replicas) {
      return set;
    }
    ApiObject scaled = set.copy();
    scaled.spec().put("replicas", replicas);
    return ctx.api.update(Capi.MACHINE_SET, scaled);
  }

  private ApiObject createSet(ApiObject md, ApiObject cluster, String hash, int replicas) {
    String name = md.name() + "-" + hash;
    ApiObject set = ApiObject.create(Capi.MACHINE_SET, md.namespace(), name);
    Map<String, String> labels = (Trees.stringMap(md.at("/spec/template/metadata/labels")));
    labels.put(Capi.CLUSTER_NAME_LABEL, cluster.name());
    labels.put(Capi.DEPLOYMENT_NAME_LABEL, Capi.labelValue(md.name()));
    labels.put(Capi.TEMPLATE_HASH_LABEL, hash);
    labels.forEach(set::label);
    set.ensureOwner(md, true);
    ObjectNode spec = set.spec();
    spec.put("clusterName", cluster.name());
    spec.put("replicas", replicas);
    ObjectNode selector = Trees.copyOf(md.at("/spec/selector"));
    Trees.child(selector, "matchLabels").put(Capi.TEMPLATE_HASH_LABEL, hash);
    spec.set("selector", selector);
    ObjectNode template = Trees.copyOf(md.at("/spec/template"));
    ObjectNode templateLabels = Trees.child(Trees.child(template, "metadata"), "labels");
    templateLabels.put(Capi.TEMPLATE_HASH_LABEL, hash);
    templateLabels.put(Capi.DEPLOYMENT_NAME_LABEL, Capi.labelValue(md.name()));
    templateLabels.put(Capi.CLUSTER_NAME_LABEL, cluster.name());
    spec.set("template", template);
    if (md.at("/spec/deletion/order").isString()) {
      spec.putObject("deletion").put("order", md.text("/spec/deletion/order"));
    }
    LOG.info("MachineDeployment {}/{}: created MachineSet {} with {} replicas", md.namespace(), md.name(), name,
        replicas);
    return ctx.api.createIfMissing(Capi.MACHINE_SET, set);
  }

  private void updateStatus(ApiObject md, int desired, ApiObject current, List<ApiObject> old) {
    List<ApiObject> sets = new ArrayList<>(old);
    sets.add(current);
    ApiObject next = md.copy();
    ObjectNode status = next.status();
    int replicas = sum(sets, "replicas");
    int available = sum(sets, "availableReplicas");
    status.put("replicas", replicas);
    status.put("readyReplicas", sum(sets, "readyReplicas"));
    status.put("availableReplicas", available);
    status.put("upToDateReplicas", sum(sets, "upToDateReplicas"));
    status.put("selector", Capi.selectorString(md.at("/spec/selector")));
    status.put("phase", replicas < desired ? "ScalingUp" : replicas > desired ? "ScalingDown" : "Running");
    status.put("observedGeneration", md.generation());
    int maxUnavailable = "OnDelete".equals(md.text("/spec/rollout/strategy/type")) ? 0
        : resolve(md.at("/spec/rollout/strategy/rollingUpdate/maxUnavailable"), desired, false, 0);
    List<ApiObject> machines = ctx.api.list(Capi.MACHINE, md.namespace(),
        Map.of(Capi.DEPLOYMENT_NAME_LABEL, Capi.labelValue(md.name())));
    boolean isAvailable = available >= desired - maxUnavailable;
    boolean rollingOut = old.stream().anyMatch(set -> set.at("/status/replicas").asInt(0) > 0);
    Conditions conditions = Conditions.of(next);
    conditions.set("Paused", false, "NotPaused", "").set("Deleting", false, "NotDeleting", "")
        .set("Available", isAvailable, isAvailable ? "Available" : "NotAvailable",
            isAvailable ? "" : available + " of " + desired + " machines available")
        .set("ScalingUp", replicas < desired, replicas < desired ? "ScalingUp" : "NotScalingUp", "")
        .set("ScalingDown", replicas > desired, replicas > desired ? "ScalingDown" : "NotScalingDown", "")
        .set("RollingOut", rollingOut, rollingOut ? "RollingOut" : "NotRollingOut", "")
        .set("Remediating", false, "NotRemediating", "");
    ClusterController.machinesCondition(conditions, "MachinesReady", machines, "Ready");
    ClusterController.machinesCondition(conditions, "MachinesUpToDate", machines, "UpToDate");
    ctx.writeStatus(Capi.MACHINE_DEPLOYMENT, md, next);
  }

  private static int sum(List<ApiObject> sets, String field) {
    return sets.stream().mapToInt(set -> set.at("/status/" + field).asInt(0)).sum();
  }
}
