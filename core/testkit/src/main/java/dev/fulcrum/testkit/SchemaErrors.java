package dev.fulcrum.testkit;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;

/** Turns json-schema-validator errors into a field path and a message a person can act on. */
final class SchemaErrors {
  private SchemaErrors() {}

  /**
   * The dotted path of the offending field below {@code prefix}, e.g. {@code spec.template.spec.numCPUs}.
   * For an unknown or missing field this is the field itself, not the object holding it.
   */
  static String path(String prefix, Error error) {
    StringBuilder path = new StringBuilder(prefix);
    NodePath location = error.getInstanceLocation();
    for (int i = 0; i < location.getNameCount(); i++) {
      appendElement(path, location.getElement(i));
    }
    if (namesChild(error)) {
      appendElement(path, error.getProperty());
    }
    return path.isEmpty() ? "(root)" : path.toString();
  }

  /** What is wrong, without the location (the path says where). */
  static String message(Error error) {
    return switch (error.getKeyword()) {
      case "additionalProperties" -> "unknown field: the schema does not declare it (misspelt or misplaced?)";
      case "required" -> "required field is missing";
      default -> error.getMessage();
    };
  }

  /** {@code path: message}. */
  static String describe(String prefix, Error error) {
    return path(prefix, error) + ": " + message(error);
  }

  private static boolean namesChild(Error error) {
    String keyword = error.getKeyword();
    return error.getProperty() != null && ("additionalProperties".equals(keyword) || "required".equals(keyword));
  }

  private static void appendElement(StringBuilder path, Object element) {
    if (element instanceof Integer index) {
      path.append('[').append(index).append(']');
    } else {
      if (!path.isEmpty()) {
        path.append('.');
      }
      path.append(element);
    }
  }
}
