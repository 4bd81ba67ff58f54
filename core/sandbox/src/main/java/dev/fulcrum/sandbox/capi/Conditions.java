package dev.fulcrum.sandbox.capi;

import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes {@code status.conditions}: {@code metav1.Condition}s for Cluster API's v1beta2 objects, or the v1beta1
 * condition shape (no {@code observedGeneration}) for providers on the v1beta1 contract. A condition keeps its
 * {@code lastTransitionTime} while its status stays the same.
 */
final class Conditions {

  static final String TRUE = "True";
  static final String FALSE = "False";
  static final String UNKNOWN = "Unknown";

  private final ArrayNode conditions;
  private final Long observedGeneration;
  private final String now;

  private Conditions(ArrayNode conditions, Long observedGeneration, Instant now) {
    this.conditions = conditions;
    this.observedGeneration = observedGeneration;
    this.now = Trees.timestamp(now);
  }

  /** Conditions of a Cluster API (v1beta2) object, stamped with its generation. */
  static Conditions of(ApiObject object) {
    return new Conditions(Trees.childArray(object.status(), "conditions"), object.generation(), Instant.now());
  }

  /** Conditions of a provider object, in the shape its contract uses. */
  static Conditions of(ApiObject object, InfraKinds.Contract contract) {
    return new Conditions(Trees.childArray(object.status(), "conditions"),
        contract == InfraKinds.Contract.V1BETA2 ? object.generation() : null, Instant.now());
  }

  Conditions set(String type, boolean status, String reason, String message) {
    return set(type, status ? TRUE : FALSE, reason, message);
  }

  Conditions set(String type, String status, String reason, String message) {
    ObjectNode condition = null;
    for (JsonNode existing : conditions) {
      if (type.equals(existing.path("type").stringValue(null))) {
        condition = (ObjectNode) existing;
      }
    }
    if (condition == null) {
      condition = conditions.addObject();
      condition.put("type", type);
    }
    if (!status.equals(condition.path("status").stringValue(null)) || !condition.has("lastTransitionTime")) {
      condition.put("lastTransitionTime", now);
    }
    condition.put("status", status);
    if (observedGeneration != null) {
      condition.put("observedGeneration", observedGeneration);
    }
    condition.put("reason", reason);
    condition.put("message", message);
    return this;
  }

  static Optional<JsonNode> get(ApiObject object, String type) {
    for (JsonNode condition : object.at("/status/conditions")) {
      if (type.equals(condition.path("type").stringValue(null))) {
        return Optional.of(condition);
      }
    }
    return Optional.empty();
  }

  /** The condition's status: {@code True}, {@code False} or {@code Unknown} (also when absent). */
  static String status(ApiObject object, String type) {
    return get(object, type).map(c -> c.path("status").stringValue(UNKNOWN)).orElse(UNKNOWN);
  }

  static boolean isTrue(ApiObject object, String type) {
    return TRUE.equals(status(object, type));
  }

  static String message(ApiObject object, String type) {
    return get(object, type).map(c -> c.path("message").stringValue("")).orElse("");
  }
}
