package dev.fulcrum.core.profiles;

import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The type of a profile variable. */
public enum VariableType {
  STRING("a string"),
  INTEGER("an integer"),
  NUMBER("a number"),
  BOOLEAN("a boolean");

  private final String description;

  VariableType(String description) {
    this.description = description;
  }

  /** The name profiles use: {@code string}, {@code integer}, {@code number}, {@code boolean}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** "an integer", for messages. */
  public String description() {
    return description;
  }

  /** Whether a value is of this type. */
  public boolean accepts(JsonNode value) {
    return switch (this) {
      case STRING -> value.isString();
      case INTEGER -> value.isIntegralNumber();
      case NUMBER -> value.isNumber();
      case BOOLEAN -> value.isBoolean();
    };
  }

  /** A value of this type that stands in for a required variable when a chart is test-rendered. */
  JsonNode placeholder() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return switch (this) {
      case STRING -> nodes.stringNode("placeholder");
      case INTEGER -> nodes.numberNode(1);
      case NUMBER -> nodes.numberNode(1.0);
      case BOOLEAN -> nodes.booleanNode(false);
    };
  }
}
