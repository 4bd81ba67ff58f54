package dev.fulcrum.sandbox.api;

import dev.fulcrum.sandbox.support.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the apiserver does per kind before storing an object: defaults, normalisation and kind-specific
 * validation (Secrets, Namespaces, CRDs, and the status a kind starts with).
 */
final class KindRules {

  /** The namespace finalizer the namespace controller removes once the namespace is empty. */
  static final String NAMESPACE_FINALIZER = "kubernetes";

  private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

  private KindRules() {}

  static void prepareForCreate(ResourceType type, ObjectNode object, Instant now) {
    if (type.statusSubresource()) {
      resetStatusOnCreate(type, object);
    }
    if (type.is("", "namespaces")) {
      ArrayNode finalizers = Json.child(object, "spec").putArray("finalizers");
      finalizers.add(NAMESPACE_FINALIZER);
    } else if (type.is("", "secrets")) {
      foldStringData(object);
      if (!object.hasNonNull("type")) {
        object.put("type", "Opaque");
      }
    } else if (type.equals(BuiltinResources.CUSTOM_RESOURCE_DEFINITIONS)) {
      addFinalizer(object, CustomResourceDefinitions.CLEANUP_FINALIZER);
      CustomResourceDefinitions.establish(object, Json.object(), now);
    }
  }

  static void prepareForUpdate(ResourceType type, ObjectNode object, ObjectNode old, Instant now) {
    if (type.is("", "namespaces")) {
      // spec.finalizers only change through the namespace's finalize subresource
      Json.child(object, "spec").set("finalizers", old.path("spec").path("finalizers").deepCopy());
    } else if (type.is("", "secrets")) {
      foldStringData(object);
      requireUnchangedIfImmutable(type, object, old);
    } else if (type.is("", "configmaps")) {
      requireUnchangedIfImmutable(type, object, old);
    } else if (type.equals(BuiltinResources.CUSTOM_RESOURCE_DEFINITIONS)) {
      CustomResourceDefinitions.establish(object, old.path("status"), now);
    }
  }

  /** Secrets and ConfigMaps marked {@code immutable: true} keep their data and stay immutable. */
  private static void requireUnchangedIfImmutable(ResourceType type, ObjectNode object, ObjectNode old) {
    if (!old.path("immutable").asBoolean(false)) {
      return;
    }
    String name = Json.text(old.path("metadata"), "name");
    if (!object.path("immutable").asBoolean(false)) {
      throw ApiException.invalid(type.group(), type.kind(), name, "immutable", "FieldValueForbidden",
          "Forbidden: field is immutable when `immutable` is set");
    }
    for (String field : List.of("data", "binaryData")) {
      if (!object.path(field).equals(old.path(field))) {
        throw ApiException.invalid(type.group(), type.kind(), name, field, "FieldValueForbidden",
            "Forbidden: field is immutable when `immutable` is set");
      }
    }
  }

  static List<StatusCause> validate(ResourceType type, ObjectNode object) {
    if (type.is("", "secrets") || type.is("", "configmaps")) {
      return validateDataKeys(type, object);
    }
    if (type.equals(BuiltinResources.CUSTOM_RESOURCE_DEFINITIONS)) {
      return CustomResourceDefinitions.validate(object);
    }
    return List.of();
  }

  private static void resetStatusOnCreate(ResourceType type, ObjectNode object) {
    if (type.is("", "nodes")) {
      return; // kubelets register Nodes with their status
    }
    object.remove("status");
    if (type.is("", "namespaces")) {
      object.putObject("status").put("phase", "Active");
    } else if (type.is("", "pods")) {
      object.putObject("status").put("phase", "Pending");
    }
  }

  /** Secret {@code stringData} is write-only: merged into base64 {@code data}, then dropped. */
  private static void foldStringData(ObjectNode secret) {
    JsonNode stringData = secret.remove("stringData");
    if (stringData == null || !stringData.isObject() || stringData.isEmpty()) {
      return;
    }
    ObjectNode data = Json.child(secret, "data");
    for (Map.Entry<String, JsonNode> item : stringData.properties()) {
      data.put(item.getKey(), Base64.getEncoder()
          .encodeToString(item.getValue().stringValue("").getBytes(StandardCharsets.UTF_8)));
    }
  }

  private static List<StatusCause> validateDataKeys(ResourceType type, ObjectNode object) {
    List<StatusCause> causes = new ArrayList<>();
    boolean base64 = type.is("", "secrets");
    for (String field : base64 ? List.of("data") : List.of("data", "binaryData")) {
      JsonNode data = object.path(field);
      if (data.isMissingNode() || data.isNull()) {
        continue;
      }
      if (!data.isObject()) {
        causes.add(new StatusCause("FieldValueInvalid", "Invalid value: must be a map of strings", field));
        continue;
      }
      for (Map.Entry<String, JsonNode> item : data.properties()) {
        String path = field + "[" + item.getKey() + "]";
        if (!CONFIG_KEY.matcher(item.getKey()).matches()) {
          causes.add(new StatusCause("FieldValueInvalid", "Invalid value: \"" + item.getKey()
              + "\": a valid config key must consist of alphanumeric characters, '-', '_' or '.'", path));
        }
        if (!item.getValue().isString()) {
          causes.add(new StatusCause("FieldValueInvalid", "Invalid value: must be a string", path));
        } else if (base64 || field.equals("binaryData")) {
          try {
            Base64.getDecoder().decode(item.getValue().stringValue());
          } catch (IllegalArgumentException e) {
            // never echo the value: it may be a secret
            causes.add(new StatusCause("FieldValueInvalid", "Invalid value: illegal base64 data", path));
          }
        }
      }
    }
    return causes;
  }

  static void addFinalizer(ObjectNode object, String finalizer) {
    ArrayNode finalizers = Json.child(object, "metadata").withArray("finalizers");
    for (JsonNode existing : finalizers) {
      if (finalizer.equals(existing.stringValue(null))) {
        return;
      }
    }
    finalizers.add(finalizer);
  }
}
