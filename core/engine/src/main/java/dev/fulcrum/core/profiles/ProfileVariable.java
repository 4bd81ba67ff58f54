package dev.fulcrum.core.profiles;

import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A variable a profile declares ({@code spec.variables[i]}); clusters set it in {@code spec.variables}.
 *
 * @param name the name, referenced as {@code ${name}}
 * @param type the type its values must have
 * @param required whether every cluster must set it (a required variable has no default)
 * @param defaultValue the value when a cluster does not set it
 * @param description what it is for; may be empty
 */
public record ProfileVariable(
    String name, VariableType type, boolean required, Optional<JsonNode> defaultValue, String description) {
  public ProfileVariable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    defaultValue = defaultValue.map(JsonNode::deepCopy);
    Objects.requireNonNull(description, "description");
  }
}
