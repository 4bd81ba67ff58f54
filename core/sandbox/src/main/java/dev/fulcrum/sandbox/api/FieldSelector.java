package dev.fulcrum.sandbox.api;

import dev.fulcrum.sandbox.store.Entry;
import dev.fulcrum.sandbox.store.GroupResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A parsed {@code fieldSelector}. Every resource supports {@code metadata.name} and {@code metadata.namespace};
 * a few built-ins support more (pods by {@code spec.nodeName}, …). An unsupported field is a 400, never a
 * silent match-all.
 */
public final class FieldSelector {

  public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

  private static final Set<String> COMMON = Set.of("metadata.name", "metadata.namespace");
  private static final Map<GroupResource, Set<String>> EXTRA = Map.of(
      new GroupResource("", "pods"), Set.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
          "spec.serviceAccountName", "status.phase", "status.podIP", "status.nominatedNodeName"),
      new GroupResource("", "secrets"), Set.of("type"),
      new GroupResource("", "nodes"), Set.of("spec.unschedulable"),
      new GroupResource("", "namespaces"), Set.of("status.phase"),
      new GroupResource("", "events"), Set.of("involvedObject.kind", "involvedObject.namespace",
          "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
          "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"));

  private record Requirement(String field, boolean equal, String value) {}

  private final List<Requirement> requirements;
  private final boolean needsObject;

  private FieldSelector(List<Requirement> requirements) {
    this.requirements = List.copyOf(requirements);
    this.needsObject = requirements.stream().anyMatch(r -> !COMMON.contains(r.field()));
  }

  /** The single exact {@code metadata.name} this selector pins, or null. */
  public String exactName() {
    return requirements.stream().filter(r -> r.equal() && r.field().equals("metadata.name"))
        .map(Requirement::value).findFirst().orElse(null);
  }

  public boolean matches(Entry entry) {
    if (requirements.isEmpty()) {
      return true;
    }
    JsonNode object = needsObject ? entry.object() : null;
    for (Requirement requirement : requirements) {
      String actual = switch (requirement.field()) {
        case "metadata.name" -> entry.name();
        case "metadata.namespace" -> entry.namespace();
        default -> fieldText(object, requirement.field());
      };
      if (requirement.equal() != requirement.value().equals(actual)) {
        return false;
      }
    }
    return true;
  }

  private static String fieldText(JsonNode object, String path) {
    JsonNode node = object;
    for (String segment : path.split("\\.")) {
      node = node.path(segment);
    }
    return node.isValueNode() ? node.asString() : "";
  }

  /** Parses the selector for {@code type}; throws 400 BadRequest on syntax or an unsupported field. */
  public static FieldSelector parse(String text, ResourceType type) {
    if (text == null || text.isBlank()) {
      return EVERYTHING;
    }
    List<Requirement> requirements = new ArrayList<>();
    for (String part : text.split(",")) {
      String term = part.trim();
      int notEqual = term.indexOf("!=");
      int equal = term.indexOf('=');
      if (equal <= 0) {
        throw ApiException.badRequest("invalid field selector: '" + term + "': expected field=value or field!=value");
      }
      boolean negated = notEqual > 0 && notEqual < equal + 1;
      String field = term.substring(0, negated ? notEqual : equal).trim();
      String value = term.substring(negated ? notEqual + 2 : term.startsWith("==", equal) ? equal + 2 : equal + 1)
          .trim();
      if (!COMMON.contains(field) && !EXTRA.getOrDefault(type.groupResource(), Set.of()).contains(field)) {
        throw ApiException.badRequest("field label not supported: " + field);
      }
      requirements.add(new Requirement(field, !negated, value));
    }
    return new FieldSelector(requirements);
  }
}
