package dev.fulcrum.core.cluster;

import dev.fulcrum.core.yaml.Mappers;
import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One entry of {@code status.conditions}, in the Kubernetes convention: one condition per step,
 * whose {@code lastTransitionTime} changes only when its status does.
 *
 * @param type e.g. {@code Accepted}
 * @param status {@code True}, {@code False} or {@code Unknown}
 * @param reason a CamelCase word saying why
 * @param message what a person needs to know
 * @param lastTransitionTime when the status last changed
 * @param observedGeneration the spec generation the condition was computed for
 */
public record Condition(
    String type, String status, String reason, String message, Instant lastTransitionTime, long observedGeneration) {
  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  public Condition {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(lastTransitionTime, "lastTransitionTime");
  }

  public boolean isTrue() {
    return TRUE.equals(status);
  }

  /**
   * This condition as it should be now: the given status, reason and message, with the transition
   * time kept when the status has not changed.
   */
  public Condition next(String newStatus, String newReason, String newMessage, Instant now, long generation) {
    Instant since = status.equals(newStatus) ? lastTransitionTime : now;
    return new Condition(type, newStatus, newReason, newMessage, since, generation);
  }

  static Condition of(JsonNode tree) {
    return new Condition(
        tree.path("type").asString(""),
        tree.path("status").asString(UNKNOWN),
        tree.path("reason").asString(""),
        tree.path("message").asString(""),
        Instant.parse(tree.path("lastTransitionTime").asString(Instant.EPOCH.toString())),
        tree.path("observedGeneration").asLong(0));
  }

  ObjectNode toTree() {
    ObjectNode tree = Mappers.json().createObjectNode();
    tree.put("type", type);
    tree.put("status", status);
    tree.put("reason", reason);
    tree.put("message", message);
    tree.put("lastTransitionTime", lastTransitionTime.toString());
    tree.put("observedGeneration", observedGeneration);
    return tree;
  }
}
