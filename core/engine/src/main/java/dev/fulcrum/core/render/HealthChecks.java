package dev.fulcrum.core.render;

import dev.fulcrum.core.yaml.Mappers;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MachineHealthCheck specs (v1beta2 shape): a machine whose node never appears, or stays not Ready,
 * is replaced by its owner, unless too much of the selected set is unhealthy at once (then the
 * problem is likely not the machines, and remediation would make it worse).
 */
final class HealthChecks {
  /** A machine whose node has not joined after this long is remediated (upstream default: 10 min). */
  static final int NODE_STARTUP_TIMEOUT_SECONDS = 600;

  /** How long a node may be not Ready (False or Unknown) before its machine is remediated. */
  static final int NOT_READY_TIMEOUT_SECONDS = 300;

  /** Remediation stops when more than this share of the selected machines is unhealthy. */
  static final String MAX_UNHEALTHY = "40%";

  private HealthChecks() {}

  /** The spec of a check over the machines matching {@code selector} in cluster {@code clusterName}. */
  static ObjectNode spec(String clusterName, Map<String, String> selector) {
    ObjectNode spec = Mappers.json().createObjectNode();
    spec.put("clusterName", clusterName);
    ObjectNode matchLabels = spec.putObject("selector").putObject("matchLabels");
    selector.forEach(matchLabels::put);

    ObjectNode checks = spec.putObject("checks");
    checks.put("nodeStartupTimeoutSeconds", NODE_STARTUP_TIMEOUT_SECONDS);
    ArrayNode conditions = checks.putArray("unhealthyNodeConditions");
    for (String status : new String[] {"False", "Unknown"}) {
      conditions.addObject().put("type", "Ready").put("status", status).put("timeoutSeconds", NOT_READY_TIMEOUT_SECONDS);
    }

    spec.putObject("remediation").putObject("triggerIf").put("unhealthyLessThanOrEqualTo", MAX_UNHEALTHY);
    return spec;
  }
}
