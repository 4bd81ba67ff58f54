package dev.fulcrum.core.cluster;

import dev.fulcrum.core.yaml.Mappers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A WorkloadCluster's {@code status}: where the cluster is in the order of operations.
 *
 * @param observedGeneration the spec generation this status describes
 * @param phase the cluster's phase; empty before the engine first saw it
 * @param step the step in progress, or the last one once all are done; empty before the engine saw it
 * @param clusterNamespace the namespace of the cluster's Cluster API objects; empty until accepted
 * @param conditions one per step, in step order
 */
public record ClusterStatus(
    long observedGeneration,
    Optional<Phase> phase,
    Optional<String> step,
    Optional<String> clusterNamespace,
    List<Condition> conditions) {

  public ClusterStatus {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(clusterNamespace, "clusterNamespace");
    conditions = List.copyOf(conditions);
  }

  /** The status of a stored WorkloadCluster; empty fields where it has none. */
  public static ClusterStatus of(JsonNode workloadCluster) {
    JsonNode status = workloadCluster.path("status");
    List<Condition> conditions = new ArrayList<>();
    status.path("conditions").forEach(condition -> conditions.add(Condition.of(condition)));
    return new ClusterStatus(
        status.path("observedGeneration").asLong(0),
        text(status, "phase").flatMap(ClusterStatus::phase),
        text(status, "step"),
        text(status, "clusterNamespace"),
        conditions);
  }

  /** The condition of this type, if there is one. */
  public Optional<Condition> condition(String type) {
    return conditions.stream().filter(condition -> condition.type().equals(type)).findFirst();
  }

  /** The status as the WorkloadCluster's {@code status} field. */
  public ObjectNode toTree() {
    ObjectNode tree = Mappers.json().createObjectNode();
    tree.put("observedGeneration", observedGeneration);
    phase.ifPresent(value -> tree.put("phase", value.name()));
    step.ifPresent(value -> tree.put("step", value));
    clusterNamespace.ifPresent(value -> tree.put("clusterNamespace", value));
    ArrayNode list = tree.putArray("conditions");
    conditions.forEach(condition -> list.add(condition.toTree()));
    return tree;
  }

  private static Optional<String> text(JsonNode status, String field) {
    JsonNode value = status.path(field);
    return value.isString() && !value.stringValue().isEmpty() ? Optional.of(value.stringValue()) : Optional.empty();
  }

  private static Optional<Phase> phase(String name) {
    for (Phase phase : Phase.values()) {
      if (phase.name().equals(name)) {
        return Optional.of(phase);
      }
    }
    return Optional.empty();
  }
}
