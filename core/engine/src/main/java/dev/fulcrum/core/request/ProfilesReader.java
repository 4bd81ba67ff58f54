package dev.fulcrum.core.request;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code spec.profiles} (the cluster profiles the request asks for, by name and version),
 * {@code spec.variables} (their variables' values for this cluster) and {@code spec.overrides}
 * (layer values for this cluster). Whether the profiles exist and declare those variables and
 * layers is checked against the stored profiles, by {@code dev.fulcrum.core.profiles.ProfileBindings}.
 */
public final class ProfilesReader {
  private static final String NAME = "name";
  private static final String VERSION = "version";
  private static final Set<String> FIELDS = Set.of(NAME, VERSION);
  private static final Set<String> OVERRIDE_FIELDS = Set.of("profile", "layer", "values");
  /** A variable name, as profiles declare and reference them: {@code ${name}}. */
  public static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private ProfilesReader() {}

  static List<ProfileRef> read(StrictObject spec, Problems problems) {
    List<ProfileRef> profiles = new ArrayList<>();
    Map<String, String> namePaths = new HashMap<>();
    for (StrictObject.Element element : spec.list("profiles")) {
      Optional<StrictObject> profile = StrictObject.of(element.value(), element.path(), FIELDS, problems);
      if (profile.isEmpty()) {
        continue;
      }
      Optional<String> name = profile.get().requiredString(NAME, "the profile name");
      Optional<String> version = profile.get().requiredString(VERSION, "the profile version, e.g. 1.0.0");
      boolean valid = name.isPresent() && version.isPresent();
      if (name.isPresent()) {
        Optional<String> problem = KubernetesNames.dnsLabelProblem(name.get(), KubernetesNames.MAX_LABEL_LENGTH);
        String firstPath = namePaths.putIfAbsent(name.get(), profile.get().path(NAME));
        if (problem.isEmpty() && firstPath != null) {
          problem = Optional.of("duplicates " + firstPath + "; a profile can be asked for once");
        }
        problem.ifPresent(message -> problems.add(profile.get().path(NAME), message));
        valid &= problem.isEmpty();
      }
      if (version.isPresent() && SemanticVersion.parse(version.get()).isEmpty()) {
        problems.add(
            profile.get().path(VERSION),
            "must be a semantic version MAJOR.MINOR.PATCH, e.g. 1.0.0 (no 'v'); got " + Values.quote(version.get()));
        valid = false;
      }
      if (valid) {
        profiles.add(new ProfileRef(name.get(), version.get()));
      }
    }
    return profiles;
  }

  static Map<String, Object> variables(StrictObject spec, Problems problems) {
    Map<String, Object> variables = new HashMap<>();
    Optional<JsonNode> object = spec.value("variables");
    if (object.isEmpty() || !Values.isObject(object.get(), spec.path("variables"), problems)) {
      return variables;
    }
    for (Map.Entry<String, JsonNode> entry : object.get().properties()) {
      String path = FieldPaths.field(spec.path("variables"), entry.getKey());
      JsonNode value = entry.getValue();
      if (!VARIABLE_NAME.matcher(entry.getKey()).matches()) {
        problems.add(path, "must be a variable name: letters, digits and '_', not starting with a digit");
      } else if (value.isNull()) {
        continue;
      } else if (!value.isString() && !value.isNumber() && !value.isBoolean()) {
        problems.add(path, Values.wrongType("a string, a number or a boolean", value));
      } else {
        variables.put(entry.getKey(), scalar(value));
      }
    }
    return variables;
  }

  static List<ProfileOverride> overrides(StrictObject spec, List<ProfileRef> profiles, Problems problems) {
    List<ProfileOverride> overrides = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (StrictObject.Element element : spec.list("overrides")) {
      Optional<StrictObject> override = StrictObject.of(element.value(), element.path(), OVERRIDE_FIELDS, problems);
      if (override.isEmpty()) {
        continue;
      }
      Optional<String> profile = override.get().requiredString("profile", "the name of a profile in spec.profiles");
      Optional<String> layer = override.get().requiredString("layer", "the name of one of the profile's layers");
      String valuesPath = override.get().path("values");
      Optional<JsonNode> valuesNode = override.get().value("values");
      if (valuesNode.isEmpty()) {
        problems.add(valuesPath, "required: the values merged over the layer's");
      }
      Optional<Map<String, Object>> values =
          valuesNode
              .filter(node -> Values.isObject(node, valuesPath, problems))
              .map(node -> Values.javaMap(node, valuesPath, problems));
      if (profile.isPresent() && profiles.stream().noneMatch(ref -> ref.name().equals(profile.get()))) {
        problems.add(
            override.get().path("profile"),
            "must name a profile the cluster uses (spec.profiles); got " + Values.quote(profile.get()));
        continue;
      }
      if (profile.isPresent() && layer.isPresent()) {
        String first = seen.putIfAbsent(profile.get() + "/" + layer.get(), element.path());
        if (first != null) {
          problems.add(element.path(), "duplicates " + first + "; a layer can be overridden once");
          continue;
        }
      }
      if (profile.isPresent() && layer.isPresent() && values.isPresent()) {
        overrides.add(new ProfileOverride(profile.get(), layer.get(), values.get()));
      }
    }
    return overrides;
  }

  private static Object scalar(JsonNode value) {
    if (value.isString()) {
      return value.stringValue();
    }
    return value.isBoolean() ? value.booleanValue() : value.numberValue();
  }
}
