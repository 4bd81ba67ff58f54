package dev.fulcrum.sandbox.capi;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cluster API core's MachineHealthCheck controller: it owns the check from its Cluster, judges each selected Machine (a node that never came within {@code nodeStartupTimeoutSeconds}, a node gone, a
 * node or machine condition matching an unhealthy condition for longer than its timeout), records the verdict as
 * the Machine's {@code HealthCheckSucceeded} condition and counts expected, healthy and remediable machines.
 * When {@code remediation.triggerIf} permits, it asks the owner (MachineSet or KubeadmControlPlane) of each
 * unhealthy machine to replace it, through the Machine's {@code OwnerRemediated=False} condition; machines with the
 * skip-remediation or paused annotation, and those of a paused Cluster or check, are left as they are.
 */
final class MachineHealthCheckController implements Reconciler {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
      MachineHealthCheckController.class);
  private static final ResourceKind KIND = Capi.MACHINE_HEALTH_CHECK;
  /** The Machine condition through which a check asks the machine's owner to remediate it. */
  static final String OWNER_REMEDIATED = "OwnerRemediated";
  /** Cluster API's default {@code nodeStartupTimeoutSeconds}. */
  private static final int DEFAULT_NODE_STARTUP_SECONDS = 600;

  private final SimContext ctx;

  MachineHealthCheckController(SimContext ctx) {
    this.ctx = ctx;
  }

  void watch(Controller controller) {
    ctx.informers.onChange(KIND, check -> controller.enqueue(ObjectKey.of(check)));
    ctx.informers.onChange(Capi.MACHINE, machine -> enqueueChecksOf(controller, machine.namespace(),
        machine.text("/spec/clusterName")));
    ctx.informers.onChange(Capi.CLUSTER, cluster -> enqueueChecksOf(controller, cluster.namespace(),
        cluster.name()));
  }

  private void enqueueChecksOf(Controller controller, String namespace, String clusterName) {
    for (ApiObject check : ctx.informers.cached(KIND, namespace)) {
      if (check.text("/spec/clusterName") != null && check.text("/spec/clusterName").equals(clusterName)) {
        controller.enqueue(ObjectKey.of(check));
      }
    }
  }

  @Override
  public Result reconcile(ObjectKey key) {
    Optional<ApiObject> found = ctx.api.get(KIND, key.namespace(), key.name());
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
      ctx.writeStatus(KIND, read, paused);
      return Result.done();
    }
    ApiObject owned = read.copy();
    owned.ensureOwner(cluster.get(), false);
    owned.label(Capi.CLUSTER_NAME_LABEL, cluster.get().name());
    ApiObject check = ctx.writeObject(KIND, read, owned);

    Instant now = Instant.now();
    List<ApiObject> machines = ctx.api.list(Capi.MACHINE, check.namespace(),
        Map.of(Capi.CLUSTER_NAME_LABEL, cluster.get().name())).stream()
        .filter(m -> !m.deleting() && LabelSelectors.matches(check.at("/spec/selector"), m.labels())).toList();
    Map<String, Node> nodes = nodes(cluster.get());
    Result result = Result.done();
    List<String> unhealthy = new ArrayList<>();
    Map<String, Verdict> verdicts = new java.util.HashMap<>();
    for (ApiObject machine : machines) {
      Verdict verdict = judge(check, cluster.get(), machine, nodes, now);
      verdicts.put(machine.name(), verdict);
      if (verdict.problem() != null) {
        unhealthy.add(machine.name());
      }
      if (verdict.recheckIn() != null) {
        result = result.or(Result.after(verdict.recheckIn()));
      }
    }
    boolean permitted = remediationPermitted(check.at("/spec/remediation/triggerIf"), machines.size(),
        unhealthy.size());
    for (ApiObject machine : machines) {
      Verdict verdict = verdicts.get(machine.name());
      ApiObject marked = machine.copy();
      Conditions conditions = Conditions.of(marked);
      conditions.set("HealthCheckSucceeded", verdict.problem() == null,
          verdict.problem() == null ? "Succeeded" : verdict.reason(),
          verdict.problem() == null ? "" : verdict.problem());
      if (verdict.problem() != null && permitted && remediable(machine)
          && !Conditions.FALSE.equals(Conditions.status(machine, OWNER_REMEDIATED))) {
        // Remediation is the owner's job (MachineSet or KubeadmControlPlane): it replaces the machine.
        conditions.set(OWNER_REMEDIATED, false, "WaitingForRemediation", "MachineHealthCheck " + check.name()
            + ": " + verdict.problem());
        LOG.info("MachineHealthCheck {}/{}: Machine {} is unhealthy ({}), asking its owner to remediate it",
            check.namespace(), check.name(), machine.name(), verdict.problem());
      }
      ctx.writeStatus(Capi.MACHINE, machine, marked);
    }
    updateStatus(check, machines, unhealthy, permitted);
    return result;
  }

  /**
   * Whether the check may have a machine remediated: owned by a MachineSet or a KubeadmControlPlane, and not opted
   * out by the skip-remediation or paused annotation.
   */
  private static boolean remediable(ApiObject machine) {
    boolean ownedByController = machine.controllerOwner()
        .filter(owner -> owner.kind().equals("MachineSet") && owner.group().equals(Capi.CORE_GROUP)
            || owner.kind().equals("KubeadmControlPlane") && owner.group().equals(Capi.CONTROL_PLANE_GROUP))
        .isPresent();
    return ownedByController && !machine.annotations().containsKey(Capi.SKIP_REMEDIATION_ANNOTATION)
        && !machine.annotations().containsKey(Capi.PAUSED_ANNOTATION);
  }

  /** Whether a machine's owner has been asked to remediate it. */
  static boolean remediationRequested(ApiObject machine) {
    return Conditions.FALSE.equals(Conditions.status(machine, OWNER_REMEDIATED));
  }

  /** What a check concluded about one machine, and when the conclusion may change by time alone. */
  private record Verdict(String reason, String problem, Duration recheckIn) {}

  private Verdict judge(ApiObject check, ApiObject cluster, ApiObject machine, Map<String, Node> nodes,
      Instant now) {
    String nodeName = machine.text("/status/nodeRef/name");
    if (nodeName == null) {
      Duration startup = Duration.ofSeconds(check.at("/spec/checks/nodeStartupTimeoutSeconds")
          .asInt(DEFAULT_NODE_STARTUP_SECONDS));
      if (startup.isZero()) {
        return new Verdict(null, null, null);
      }
      Instant since = Conditions.get(cluster, "ControlPlaneInitialized")
          .filter(c -> Conditions.TRUE.equals(c.path("status").stringValue("")))
          .map(c -> Instant.parse(c.path("lastTransitionTime").stringValue("")))
          .filter(initialized -> initialized.isAfter(machine.creationTimestamp()))
          .orElse(machine.creationTimestamp());
      Duration left = Duration.between(now, since.plus(startup));
      return left.isNegative() || left.isZero()
          ? new Verdict("UnhealthyNode", "the node did not join within " + startup.toSeconds() + "s", null)
          : new Verdict(null, null, left);
    }
    Node node = nodes.get(nodeName);
    if (node == null) {
      return nodes.isEmpty() ? new Verdict(null, null, null)
          : new Verdict("UnhealthyNode", "node " + nodeName + " has been deleted", null);
    }
    Duration recheck = null;
    Map<String, NodeCondition> nodeConditions = node.getStatus() == null ? Map.of()
        : node.getStatus().getConditions().stream().collect(Collectors.toMap(NodeCondition::getType,
            Function.identity(), (a, b) -> a));
    for (JsonNode rule : check.at("/spec/checks/unhealthyNodeConditions")) {
      NodeCondition condition = nodeConditions.get(rule.path("type").stringValue(""));
      if (condition != null && rule.path("status").stringValue("").equals(condition.getStatus())) {
        Duration left = timeLeft(rule, condition.getLastTransitionTime(), now);
        if (left.isZero()) {
          return new Verdict("UnhealthyNode", "node condition " + condition.getType() + " is "
              + condition.getStatus() + " for more than " + rule.path("timeoutSeconds").asInt() + "s", null);
        }
        recheck = shorter(recheck, left);
      }
    }
    for (JsonNode rule : check.at("/spec/checks/unhealthyMachineConditions")) {
      Optional<JsonNode> condition = Conditions.get(machine, rule.path("type").stringValue(""));
      if (condition.isPresent() && rule.path("status").stringValue("")
          .equals(condition.get().path("status").stringValue(""))) {
        Duration left = timeLeft(rule, condition.get().path("lastTransitionTime").stringValue(null), now);
        if (left.isZero()) {
          return new Verdict("UnhealthyMachine", "machine condition " + rule.path("type").stringValue("") + " is "
              + rule.path("status").stringValue("") + " for more than " + rule.path("timeoutSeconds").asInt()
              + "s", null);
        }
        recheck = shorter(recheck, left);
      }
    }
    return new Verdict(null, null, recheck);
  }

  private static Duration timeLeft(JsonNode rule, String since, Instant now) {
    Instant start = since == null ? now : Instant.parse(since);
    Duration left = Duration.between(now, start.plusSeconds(rule.path("timeoutSeconds").asInt(0)));
    return left.isNegative() ? Duration.ZERO : left;
  }

  private static Duration shorter(Duration a, Duration b) {
    return a == null || b.compareTo(a) < 0 ? b : a;
  }

  /** The workload cluster's Nodes by name; empty when it cannot be read (then no node counts as gone). */
  private Map<String, Node> nodes(ApiObject cluster) {
    if (!cluster.flag("/status/initialization/controlPlaneInitialized")) {
      return Map.of();
    }
    try {
      Optional<KubernetesClient> client = ctx.workloads.viaKubeconfig(cluster);
      return client.map(c -> c.nodes().list().getItems().stream()
          .collect(Collectors.toMap(n -> n.getMetadata().getName(), Function.identity()))).orElse(Map.of());
    } catch (KubernetesClientException e) {
      return Map.of();
    }
  }

  private void updateStatus(ApiObject check, List<ApiObject> machines, List<String> unhealthy,
      boolean permitted) {
    ApiObject next = check.copy();
    ObjectNode status = next.status();
    int expected = machines.size();
    int allowed = remediationsAllowed(check.at("/spec/remediation/triggerIf"), expected, unhealthy.size());
    status.put("expectedMachines", expected);
    status.put("currentHealthy", expected - unhealthy.size());
    status.put("remediationsAllowed", allowed);
    ArrayNode targets = status.putArray("targets");
    machines.stream().map(ApiObject::name).sorted().forEach(targets::add);
    status.put("observedGeneration", check.generation());
    boolean blocked = !unhealthy.isEmpty() && !permitted;
    Conditions.of(next).set("Paused", false, "NotPaused", "")
        .set("RemediationAllowed", !blocked, blocked ? "TooManyUnhealthy" : "RemediationAllowed",
            blocked ? unhealthy.size() + " of " + expected + " machines are unhealthy: " + unhealthy : "");
    ctx.writeStatus(KIND, check, next);
  }

  /**
   * Whether remediation may go on with {@code unhealthy} of {@code expected} machines unhealthy: within
   * {@code unhealthyInRange} when given, else at most {@code unhealthyLessThanOrEqualTo} (default 100%).
   */
  static boolean remediationPermitted(JsonNode triggerIf, int expected, int unhealthy) {
    int[] range = unhealthyRange(triggerIf, expected);
    return unhealthy >= range[0] && unhealthy <= range[1];
  }

  /** How many more machines may be remediated: within {@code unhealthyInRange} or up to the threshold. */
  static int remediationsAllowed(JsonNode triggerIf, int expected, int unhealthy) {
    return remediationPermitted(triggerIf, expected, unhealthy) ? unhealthyRange(triggerIf, expected)[1] - unhealthy
        : 0;
  }

  /** The permitted number of unhealthy machines as {@code [low, high]}. */
  private static int[] unhealthyRange(JsonNode triggerIf, int expected) {
    String range = triggerIf.path("unhealthyInRange").stringValue(null);
    if (range != null && range.matches("\\[\\d+-\\d+]")) {
      String[] bounds = range.substring(1, range.length() - 1).split("-");
      return new int[] {Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])};
    }
    JsonNode threshold = triggerIf.path("unhealthyLessThanOrEqualTo");
    int max = threshold.isMissingNode() ? expected
        : MachineDeploymentController.resolve(threshold, expected, false, expected);
    return new int[] {0, max};
  }
}
