package dev.fulcrum.core.profiles;

import dev.fulcrum.core.request.BoundedYamlReader;
import dev.fulcrum.core.request.FieldPaths;
import dev.fulcrum.core.request.InvalidRequestException;
import dev.fulcrum.core.request.KubernetesNames;
import dev.fulcrum.core.request.Problems;
import dev.fulcrum.core.request.SemanticVersion;
import dev.fulcrum.core.request.StrictObject;
import dev.fulcrum.core.request.Values;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a {@code ClusterProfile} document (YAML or JSON), bounded like a cluster request, and validates
 * it completely, reporting every problem at its field path ({@code spec.layers[1].chart}) in an
 * {@link InvalidRequestException}: the name, the semantic version, the variables (types, defaults), the
 * layers (unique names, type, namespace, manifests that are Kubernetes objects, a chart, values,
 * {@code ${var}} references to declared variables, dependencies on earlier layers without cycles).
 * Finally every helm layer with a packaged chart is rendered once by Helm with the variables' defaults,
 * so that a broken chart or values the chart refuses are reported now, with Helm's message.
 *
 * <p>Thread-safe.
 */
public final class ProfileReader {
  /** The largest packaged chart a layer may carry, in bytes (the whole document is at most 1 MiB). */
  public static final int MAX_ARCHIVE_BYTES = 700 * 1024;

  /** The label holding the profile's name on the stored object. */
  public static final String PROFILE_LABEL = "fulcrum.dev/profile";

  private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec");
  private static final Set<String> METADATA_FIELDS = Set.of("name", "labels", "annotations");
  private static final Set<String> SPEC_FIELDS = Set.of("version", "description", "drift", "variables", "layers");
  private static final int MAX_NAME_LENGTH = KubernetesNames.MAX_LABEL_LENGTH;

  private final BoundedYamlReader yaml = new BoundedYamlReader(ClusterProfile.KIND);
  private final LayersReader layersReader = new LayersReader();
  private final HelmRenderer helm;

  /**
   * @param helm renders helm layers for the apply-time check
   */
  public ProfileReader(HelmRenderer helm) {
    this.helm = helm;
  }

  /**
   * @param input the profile document, UTF-8 YAML or JSON
   * @return the validated profile, its charts rendered once with the defaults
   * @throws InvalidRequestException listing every problem
   */
  public ClusterProfile read(byte[] input) {
    return read(yaml.read(input));
  }

  /**
   * @param document the profile document as a tree
   * @return the validated profile, its charts rendered once with the defaults
   * @throws InvalidRequestException listing every problem
   */
  public ClusterProfile read(JsonNode document) {
    ClusterProfile profile = bind(document);
    Problems problems = new Problems();
    checkRenders(profile, problems);
    problems.throwIfAny();
    return profile;
  }

  /**
   * A stored {@code ClusterProfile} object read back (validated again, not rendered).
   *
   * @throws InvalidRequestException if it was changed into something invalid behind Fulcrum's back
   */
  public ClusterProfile fromStored(JsonNode stored) {
    ObjectNode document = JsonNodeFactory.instance.objectNode();
    document.put("apiVersion", ClusterProfile.API_VERSION);
    document.put("kind", ClusterProfile.KIND);
    document.putObject("metadata").put("name", stored.path("metadata").path("labels").path(PROFILE_LABEL).asString());
    document.set("spec", stored.path("spec").deepCopy());
    return bind(document);
  }

  private ClusterProfile bind(JsonNode root) {
    Problems problems = new Problems();
    if (!root.isObject()) {
      problems.add(
          FieldPaths.DOCUMENT, Values.wrongType("a ClusterProfile object (apiVersion, kind, metadata, spec)", root));
      problems.throwIfAny();
    }
    StrictObject document = StrictObject.of(root, "", ROOT_FIELDS, problems).orElseThrow();
    expectConstant(document, "apiVersion", ClusterProfile.API_VERSION, problems);
    expectConstant(document, "kind", ClusterProfile.KIND, problems);
    Optional<String> name =
        document
            .requiredObject("metadata", METADATA_FIELDS, "{name: <profile name>}")
            .flatMap(metadata -> name(metadata, problems));
    Optional<ClusterProfile> profile =
        document
            .requiredObject("spec", SPEC_FIELDS, "the profile's version and layers")
            .flatMap(spec -> spec(spec, name, problems));
    problems.throwIfAny();
    return profile.orElseThrow(); // empty only when problems were found
  }

  private static Optional<String> name(StrictObject metadata, Problems problems) {
    Optional<String> name = metadata.requiredString("name", "the profile name");
    Optional<String> problem = name.flatMap(value -> KubernetesNames.dnsLabelProblem(value, MAX_NAME_LENGTH));
    problem.ifPresent(message -> problems.add(metadata.path("name"), message));
    return problem.isPresent() ? Optional.empty() : name;
  }

  private Optional<ClusterProfile> spec(StrictObject spec, Optional<String> name, Problems problems) {
    Optional<String> version = version(spec, problems);
    String description = spec.string("description").orElse("");
    DriftPolicy drift = drift(spec, problems);
    List<ProfileVariable> variables = VariablesReader.read(spec, problems);
    List<ProfileLayer> layers = layersReader.read(spec, name, variables, problems);
    if (!problems.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ClusterProfile(
            name.orElseThrow(), version.orElseThrow(), description, drift, variables, layers, specNode(spec)));
  }

  private static ObjectNode specNode(StrictObject spec) {
    // The spec as sent: StrictObject exposes fields only, so rebuild it from them.
    ObjectNode copy = JsonNodeFactory.instance.objectNode();
    for (String field : SPEC_FIELDS) {
      spec.value(field).ifPresent(value -> copy.set(field, value.deepCopy()));
    }
    return copy;
  }

  private static Optional<String> version(StrictObject spec, Problems problems) {
    if (spec.value("version").filter(JsonNode::isNumber).isPresent()) {
      problems.add(
          spec.path("version"),
          "must be a semantic version MAJOR.MINOR.PATCH, e.g. 1.0.0; got a number (YAML reads 1.0 as one)");
      return Optional.empty();
    }
    Optional<String> version = spec.requiredString("version", "the profile version, a semantic version such as 1.0.0");
    if (version.isEmpty()) {
      return version;
    }
    Optional<SemanticVersion> parsed = SemanticVersion.parse(version.get());
    if (parsed.isEmpty()) {
      problems.add(
          spec.path("version"),
          "must be a semantic version MAJOR.MINOR.PATCH, e.g. 1.0.0 (no 'v'); got " + Values.quote(version.get()));
      return Optional.empty();
    }
    if (parsed.get().hasBuildMetadata()) {
      problems.add(
          spec.path("version"),
          "must not carry build metadata ('+...'): the version is part of the stored object's name; got "
              + Values.quote(version.get()));
      return Optional.empty();
    }
    return version;
  }

  private static DriftPolicy drift(StrictObject spec, Problems problems) {
    Optional<String> drift = spec.string("drift");
    if (drift.isEmpty()) {
      return DriftPolicy.CORRECT;
    }
    for (DriftPolicy policy : DriftPolicy.values()) {
      if (policy.wireName().equals(drift.get())) {
        return policy;
      }
    }
    problems.add(spec.path("drift"), "must be correct or report; got " + Values.quote(drift.get()));
    return DriftPolicy.CORRECT;
  }

  /** Renders each helm layer with a packaged chart once, variables at their defaults (placeholders if required). */
  private void checkRenders(ClusterProfile profile, Problems problems) {
    Map<String, JsonNode> defaults = new HashMap<>();
    for (ProfileVariable variable : profile.variables()) {
      defaults.put(variable.name(), variable.defaultValue().orElseGet(() -> variable.type().placeholder()));
    }
    for (int i = 0; i < profile.layers().size(); i++) {
      ProfileLayer layer = profile.layers().get(i);
      if (layer.chart().isEmpty() || !(layer.chart().get() instanceof ChartSource.Archive)) {
        continue; // repository charts are rendered per cluster, when reachable
      }
      try {
        helm.render(
            layer.chart().get(), VariableTemplates.substitute(layer.values(), defaults), layer.name(),
            layer.namespace(), Optional.empty());
      } catch (ChartRenderException refused) {
        problems.add(
            FieldPaths.field(FieldPaths.index("spec.layers", i), "values"),
            "Helm cannot render the chart with these values (variables at their defaults): " + refused.getMessage());
      }
    }
  }

  private static void expectConstant(StrictObject object, String field, String expected, Problems problems) {
    object.requiredString(field, expected)
        .filter(value -> !value.equals(expected))
        .ifPresent(value -> problems.add(object.path(field), "must be " + expected + "; got " + Values.quote(value)));
  }
}
