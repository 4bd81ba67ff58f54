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
 * Cluster API core's MachineHealthCheck controller, without remediation: it owns the check from its Cluster,
 * judges each selected Machine (a node that never came within {@code nodeStartupTimeoutSeconds}, a node gone, a
 * node or machine condition matching an unhealthy condition for longer than its timeout), records the verdict as
 * the Machine's {@code HealthCheckSucceeded} condition and counts expected, healthy and remediable machines.
 * Acting on the verdict (the owner replacing the machine) is left to remediation.
 */
final class MachineHealthCheckController implements Reconciler {

  private static final ResourceKind KIND = Capi.MACHINE_HEALTH_CHECK;
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
    for (ApiObject machine : machines) {
      Verdict verdict = judge(check, cluster.get(), machine, nodes, now);
      if (verdict.problem() != null) {
        unhealthy.add(machine.name());
      }
      if (verdict.recheckIn() != null) {
        result = result.or(Result.after(verdict.recheckIn()));
      }
      ApiObject marked = machine.copy();
      Conditions.of(marked).set("HealthCheckSucceeded", verdict.problem() == null,
          verdict.problem() == null ? "Succeeded" : verdict.reason(),
          verdict.problem() == null ? "" : verdict.problem());
      ctx.writeStatus(Capi.MACHINE, machine, marked);
    }
    updateStatus(check, machines, unhealthy);
    return result;
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

  private void updateStatus(ApiObject check, List<ApiObject> machines, List<String> unhealthy) {
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
    boolean blocked = !unhealthy.isEmpty() && allowed == 0;
    Conditions.of(next).set("Paused", false, "NotPaused", "")
        .set("RemediationAllowed", !blocked, blocked ? "TooManyUnhealthy" : "RemediationAllowed",
            blocked ? unhealthy.size() + " of " + expected + " machines are unhealthy: " + unhealthy : "");
    ctx.writeStatus(KIND, check, next);
  }

  /** How many more machines may be remediated: within {@code unhealthyInRange} or up to the threshold. */
  static int remediationsAllowed(JsonNode triggerIf, int expected, int unhealthy) {
    String range = triggerIf.path("unhealthyInRange").stringValue(null);
    if (range != null && range.matches("\\[\\d+-\\d+]")) {
      String[] bounds = range.substring(1, range.length() - 1).split("-");
      int low = Integer.parseInt(bounds[0]);
      int high = Integer.parseInt(bounds[1]);
      return unhealthy >= low && unhealthy <= high ? high - unhealthy : 0;
    }
    JsonNode threshold = triggerIf.path("unhealthyLessThanOrEqualTo");
    int max = threshold.isMissingNode() ? expected
        : MachineDeploymentController.resolve(threshold, expected, false, expected);
    return unhealthy <= max ? max - unhealthy : 0;
  }
}
