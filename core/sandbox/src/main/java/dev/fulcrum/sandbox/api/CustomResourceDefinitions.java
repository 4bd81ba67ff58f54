package dev.fulcrum.sandbox.api;

import dev.fulcrum.sandbox.schema.StructuralSchema;
import dev.fulcrum.sandbox.support.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** How a CustomResourceDefinition is validated, what status the sandbox gives it, and what it serves. */
public final class CustomResourceDefinitions {

  /** Held by a CRD until its custom resources are gone. */
  public static final String CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

  private static final int MAX_COMPILED = 512;
  /** Compiled CRDs by name and spec, least recently used first. Guarded by itself. */
  private static final Map<String, List<ResourceType>> COMPILED = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, List<ResourceType>> eldest) {
      return size() > MAX_COMPILED;
    }
  };

  private CustomResourceDefinitions() {}

  /** Every problem with a CRD's spec at once (empty when valid). */
  public static List<StatusCause> validate(ObjectNode crd) {
    List<StatusCause> causes = new ArrayList<>();
    JsonNode spec = crd.path("spec");
    String group = Json.text(spec, "group");
    String plural = Json.text(spec.path("names"), "plural");
    String kind = Json.text(spec.path("names"), "kind");
    if (group == null || group.isEmpty()) {
      causes.add(required("spec.group"));
    } else if (Names.dnsSubdomainProblem(group) != null || !group.contains(".")) {
      causes.add(new StatusCause("FieldValueInvalid", "Invalid value: \"" + group
          + "\": should be a domain with at least one dot", "spec.group"));
    }
    if (plural == null || plural.isEmpty()) {
      causes.add(required("spec.names.plural"));
    } else if (Names.dnsLabelProblem(plural) != null) {
      causes.add(new StatusCause("FieldValueInvalid", "Invalid value: \"" + plural + "\": "
          + Names.dnsLabelProblem(plural), "spec.names.plural"));
    }
    if (kind == null || kind.isEmpty()) {
      causes.add(required("spec.names.kind"));
    }
    String name = Json.text(crd.path("metadata"), "name");
    if (group != null && plural != null && name != null && !name.equals(plural + "." + group)) {
      causes.add(new StatusCause("FieldValueInvalid", "Invalid value: \"" + name + "\": must be spec.names.plural+\".\""
          + "+spec.group", "metadata.name"));
    }
    String scope = Json.text(spec, "scope");
    if (!"Namespaced".equals(scope) && !"Cluster".equals(scope)) {
      causes.add(new StatusCause("FieldValueNotSupported", "Unsupported value: \"" + scope
          + "\": supported values: \"Cluster\", \"Namespaced\"", "spec.scope"));
    }
    JsonNode versions = spec.path("versions");
    if (!versions.isArray() || versions.isEmpty()) {
      causes.add(new StatusCause("FieldValueInvalid", "Invalid value: must have exactly one version marked as storage "
          + "version", "spec.versions"));
    } else {
      int storage = 0;
      for (int i = 0; i < versions.size(); i++) {
        JsonNode version = versions.get(i);
        String versionName = Json.text(version, "name");
        if (versionName == null || Names.dnsLabelProblem(versionName) != null) {
          causes.add(new StatusCause("FieldValueInvalid", "Invalid value: \"" + versionName
              + "\": must be a DNS label", "spec.versions[" + i + "].name"));
        }
        if (version.path("storage").asBoolean(false)) {
          storage++;
        }
        JsonNode schema = version.path("schema").path("openAPIV3Schema");
        if (!schema.isMissingNode()) {
          try {
            StructuralSchema.of(schema);
          } catch (IllegalArgumentException e) {
            causes.add(new StatusCause("FieldValueInvalid", "Invalid value: " + e.getMessage(),
                "spec.versions[" + i + "].schema.openAPIV3Schema"));
          }
        }
      }
      if (storage != 1) {
        causes.add(new StatusCause("FieldValueInvalid", "Invalid value: must have exactly one version marked as "
            + "storage version", "spec.versions"));
      }
    }
    return causes;
  }

  /** Sets the status the apiextensions controllers would: names accepted, established, stored versions. */
  public static void establish(ObjectNode crd, JsonNode previousStatus, Instant now) {
    JsonNode spec = crd.path("spec");
    ObjectNode status = Json.object();
    status.set("acceptedNames", acceptedNames(spec.path("names")));
    ArrayNode conditions = status.putArray("conditions");
    conditions.add(condition(previousStatus, "NamesAccepted", "NoConflicts", "no conflicts found", now));
    conditions.add(condition(previousStatus, "Established", "InitialNamesAccepted",
        "the initial names have been accepted", now));
    if (crd.path("metadata").hasNonNull("deletionTimestamp")) {
      conditions.add(condition(previousStatus, "Terminating", "InstanceDeletionInProgress",
          "CustomResource deletion is in progress", now));
    }
    ArrayNode stored = status.putArray("storedVersions");
    for (JsonNode version : previousStatus.path("storedVersions")) {
      stored.add(version.stringValue(""));
    }
    for (JsonNode version : spec.path("versions")) {
      String name = Json.text(version, "name");
      if (version.path("storage").asBoolean(false) && !contains(stored, name)) {
        stored.add(name);
      }
    }
    crd.set("status", status);
  }

  /** The resource types a CRD serves, one per served version. */
  public static List<ResourceType> servedTypes(JsonNode crd) {
    // Many clusters install the same CRDs (every simulated workload cluster gets CAPI's): identical specs
    // share one set of types and compiled schemas instead of one per cluster.
    String key = Json.text(crd.path("metadata"), "name") + "\n" + Json.string(crd.path("spec"));
    synchronized (COMPILED) {
      List<ResourceType> cached = COMPILED.get(key);
      if (cached != null) {
        return cached;
      }
    }
    List<ResourceType> types = compile(crd);
    synchronized (COMPILED) {
      COMPILED.put(key, types);
    }
    return types;
  }

  private static List<ResourceType> compile(JsonNode crd) {
    JsonNode spec = crd.path("spec");
    JsonNode names = spec.path("names");
    String kind = Json.text(names, "kind");
    String singular = names.path("singular").stringValue(kind.toLowerCase(Locale.ROOT));
    List<String> shortNames = strings(names.path("shortNames"));
    List<String> categories = strings(names.path("categories"));
    boolean namespaced = "Namespaced".equals(Json.text(spec, "scope"));
    String crdName = Json.text(crd.path("metadata"), "name");
    List<ResourceType> types = new ArrayList<>();
    for (JsonNode version : spec.path("versions")) {
      if (!version.path("served").asBoolean(false)) {
        continue;
      }
      JsonNode subresources = version.path("subresources");
      JsonNode scale = subresources.path("scale");
      ScaleSubresource scaleSubresource = scale.isObject()
          ? new ScaleSubresource(Json.text(scale, "specReplicasPath"), Json.text(scale, "statusReplicasPath"),
              Json.text(scale, "labelSelectorPath"))
          : null;
      JsonNode schema = version.path("schema").path("openAPIV3Schema");
      types.add(new ResourceType(Json.text(spec, "group"), Json.text(version, "name"), Json.text(names, "plural"),
          singular, kind, namespaced, shortNames, categories, subresources.path("status").isObject(),
          scaleSubresource, true,
          new ResourceType.CustomResource(crdName, Json.text(names, "listKind"),
              schema.isObject() ? schema : null, schema.isObject() ? StructuralSchema.of(schema) : null,
              version.path("additionalPrinterColumns"))));
    }
    return List.copyOf(types);
  }

  private static ObjectNode acceptedNames(JsonNode names) {
    ObjectNode accepted = names.isObject() ? (ObjectNode) names.deepCopy() : Json.object();
    String kind = Json.text(names, "kind");
    if (kind != null) {
      if (!accepted.has("singular")) {
        accepted.put("singular", kind.toLowerCase(Locale.ROOT));
      }
      if (!accepted.has("listKind")) {
        accepted.put("listKind", kind + "List");
      }
    }
    return accepted;
  }

  private static ObjectNode condition(JsonNode previousStatus, String type, String reason, String message,
      Instant now) {
    String since = Json.timestamp(now);
    for (JsonNode existing : previousStatus.path("conditions")) {
      if (type.equals(Json.text(existing, "type")) && "True".equals(Json.text(existing, "status"))) {
        since = existing.path("lastTransitionTime").stringValue(since);
      }
    }
    ObjectNode condition = Json.object();
    condition.put("type", type);
    condition.put("status", "True");
    condition.put("lastTransitionTime", since);
    condition.put("reason", reason);
    condition.put("message", message);
    return condition;
  }

  private static boolean contains(ArrayNode array, String value) {
    for (JsonNode item : array) {
      if (value.equals(item.stringValue(null))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> strings(JsonNode array) {
    List<String> result = new ArrayList<>();
    array.forEach(item -> result.add(item.stringValue("")));
    return result;
  }

  private static StatusCause required(String field) {
    return new StatusCause("FieldValueRequired", "Required value", field);
  }
}
