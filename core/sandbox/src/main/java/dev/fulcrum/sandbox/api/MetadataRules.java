package dev.fulcrum.sandbox.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Validation of {@code metadata} common to every kind: names, labels, annotations, owners, finalizers. */
final class MetadataRules {

  private static final Pattern QUALIFIED_NAME = Pattern.compile(
      "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
  private static final long MAX_ANNOTATION_BYTES = 256 * 1024;

  private MetadataRules() {}

  static List<StatusCause> validate(ResourceType type, JsonNode metadata) {
    List<StatusCause> causes = new ArrayList<>();
    String name = metadata.path("name").stringValue("");
    String problem = name.isEmpty() ? null : Names.objectNameProblem(type, name);
    if (problem != null) {
      causes.add(invalid("metadata.name", name, problem));
    }
    validateLabels(metadata.path("labels"), causes);
    validateAnnotations(metadata.path("annotations"), causes);
    validateOwners(metadata.path("ownerReferences"), causes);
    validateStrings(metadata.path("finalizers"), "metadata.finalizers", causes);
    return causes;
  }

  private static void validateLabels(JsonNode labels, List<StatusCause> causes) {
    if (labels.isMissingNode() || labels.isNull()) {
      return;
    }
    if (!labels.isObject()) {
      causes.add(new StatusCause("FieldValueInvalid", "Invalid value: must be a map of strings", "metadata.labels"));
      return;
    }
    for (Map.Entry<String, JsonNode> label : labels.properties()) {
      String key = label.getKey();
      if (!qualifiedName(key)) {
        causes.add(invalid("metadata.labels", key, "name part must consist of alphanumeric characters, '-', '_' or "
            + "'.', and must start and end with an alphanumeric character, with an optional DNS subdomain prefix "
            + "and '/'"));
      }
      JsonNode value = label.getValue();
      if (!value.isString()) {
        causes.add(new StatusCause("FieldValueInvalid", "Invalid value: must be a string",
            "metadata.labels[" + key + "]"));
      } else if (value.stringValue().length() > 63 || !LABEL_VALUE.matcher(value.stringValue()).matches()) {
        causes.add(invalid("metadata.labels", value.stringValue(), "a valid label value must be 63 characters or "
            + "less and must be empty or begin and end with an alphanumeric character ([a-z0-9A-Z]) with dashes "
            + "(-), underscores (_), dots (.), and alphanumerics between"));
      }
    }
  }

  private static void validateAnnotations(JsonNode annotations, List<StatusCause> causes) {
    if (annotations.isMissingNode() || annotations.isNull()) {
      return;
    }
    if (!annotations.isObject()) {
      causes.add(new StatusCause("FieldValueInvalid", "Invalid value: must be a map of strings",
          "metadata.annotations"));
      return;
    }
    long total = 0;
    for (Map.Entry<String, JsonNode> annotation : annotations.properties()) {
      if (!qualifiedName(annotation.getKey().toLowerCase(java.util.Locale.ROOT))) {
        causes.add(invalid("metadata.annotations", annotation.getKey(), "name part must consist of alphanumeric "
            + "characters, '-', '_' or '.'"));
      }
      if (!annotation.getValue().isString()) {
        causes.add(new StatusCause("FieldValueInvalid", "Invalid value: must be a string",
            "metadata.annotations[" + annotation.getKey() + "]"));
      } else {
        total += annotation.getKey().length() + annotation.getValue().stringValue().length();
      }
    }
    if (total > MAX_ANNOTATION_BYTES) {
      causes.add(new StatusCause("FieldValueTooLong", "Too long: must have at most " + MAX_ANNOTATION_BYTES
          + " bytes", "metadata.annotations"));
    }
  }

  private static void validateOwners(JsonNode owners, List<StatusCause> causes) {
    if (owners.isMissingNode() || owners.isNull()) {
      return;
    }
    if (!owners.isArray()) {
      causes.add(new StatusCause("FieldValueInvalid", "Invalid value: must be a list", "metadata.ownerReferences"));
      return;
    }
    int controllers = 0;
    for (int i = 0; i < owners.size(); i++) {
      JsonNode owner = owners.get(i);
      for (String field : List.of("apiVersion", "kind", "name", "uid")) {
        if (owner.path(field).stringValue("").isEmpty()) {
          causes.add(new StatusCause("FieldValueRequired", "Required value",
              "metadata.ownerReferences[" + i + "]." + field));
        }
      }
      if (owner.path("controller").asBoolean(false)) {
        controllers++;
      }
    }
    if (controllers > 1) {
      causes.add(new StatusCause("FieldValueInvalid", "Invalid value: Only one reference can have Controller set to "
          + "true", "metadata.ownerReferences"));
    }
  }

  private static void validateStrings(JsonNode array, String field, List<StatusCause> causes) {
    if (array.isMissingNode() || array.isNull()) {
      return;
    }
    if (!array.isArray()) {
      causes.add(new StatusCause("FieldValueInvalid", "Invalid value: must be a list of strings", field));
      return;
    }
    for (int i = 0; i < array.size(); i++) {
      if (!array.get(i).isString() || !qualifiedName(array.get(i).stringValue())) {
        causes.add(new StatusCause("FieldValueInvalid", "Invalid value: must be a qualified name",
            field + "[" + i + "]"));
      }
    }
  }

  private static boolean qualifiedName(String key) {
    return key.length() <= 316 && QUALIFIED_NAME.matcher(key).matches();
  }

  private static StatusCause invalid(String field, String value, String why) {
    return new StatusCause("FieldValueInvalid", "Invalid value: \"" + value + "\": " + why, field);
  }
}
