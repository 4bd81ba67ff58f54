package dev.fulcrum.core.profiles;

import dev.fulcrum.core.request.Problems;
import dev.fulcrum.core.request.ProfilesReader;
import dev.fulcrum.core.request.StrictObject;
import dev.fulcrum.core.request.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads a profile's {@code spec.variables}: unique names, a known type, a default of that type. */
final class VariablesReader {
  private static final Set<String> VARIABLE_FIELDS = Set.of("name", "type", "default", "required", "description");

  private VariablesReader() {}

  static List<ProfileVariable> read(StrictObject spec, Problems problems) {
    List<ProfileVariable> variables = new ArrayList<>();
    Map<String, String> namePaths = new HashMap<>();
    for (StrictObject.Element element : spec.list("variables")) {
      Optional<StrictObject> variable = StrictObject.of(element.value(), element.path(), VARIABLE_FIELDS, problems);
      if (variable.isEmpty()) {
        continue;
      }
      StrictObject v = variable.get();
      Optional<String> name = v.requiredString("name", "the variable name, referenced as ${name}");
      boolean valid = name.isPresent();
      if (name.isPresent()) {
        if (!ProfilesReader.VARIABLE_NAME.matcher(name.get()).matches()) {
          problems.add(
              v.path("name"),
              "must be a variable name: letters, digits and '_', not starting with a digit; got "
                  + Values.quote(name.get()));
          valid = false;
        } else {
          String first = namePaths.putIfAbsent(name.get(), v.path("name"));
          if (first != null) {
            problems.add(v.path("name"), "duplicates " + first + "; variable names are unique");
            valid = false;
          }
        }
      }
      Optional<VariableType> type =
          v.requiredString("type", "string, integer, number or boolean")
              .flatMap(text -> variableType(text, v, problems));
      boolean required = v.value("required").map(value -> bool(value, v.path("required"), problems)).orElse(false);
      Optional<JsonNode> defaultValue = v.value("default");
      // A variable with a bad default is still declared, so references to it are not reported too.
      if (defaultValue.isPresent() && type.isPresent() && !type.get().accepts(defaultValue.get())) {
        problems.add(
            v.path("default"),
            Values.wrongType(type.get().description() + " (the variable's type)", defaultValue.get()));
      }
      if (defaultValue.isPresent() && required) {
        problems.add(v.path("default"), "must not be set for a required variable: every cluster sets it");
      }
      if (valid && type.isPresent()) {
        variables.add(
            new ProfileVariable(
                name.get(), type.get(), required, defaultValue, v.string("description").orElse("")));
      }
    }
    return variables;
  }

  private static Optional<VariableType> variableType(String text, StrictObject variable, Problems problems) {
    for (VariableType type : VariableType.values()) {
      if (type.wireName().equals(text)) {
        return Optional.of(type);
      }
    }
    problems.add(variable.path("type"), "must be string, integer, number or boolean; got " + Values.quote(text));
    return Optional.empty();
  }

  private static boolean bool(JsonNode value, String path, Problems problems) {
    if (!value.isBoolean()) {
      problems.add(path, Values.wrongType("a boolean", value));
      return false;
    }
    return value.booleanValue();
  }
}
