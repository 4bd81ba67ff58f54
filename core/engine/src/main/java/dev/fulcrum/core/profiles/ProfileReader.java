package dev.fulcrum.core.profiles;

import dev.fulcrum.core.request.BoundedYamlReader;
import dev.fulcrum.core.request.FieldPaths;
import dev.fulcrum.core.request.InvalidRequestException;
import dev.fulcrum.core.request.KubernetesNames;
import dev.fulcrum.core.request.Problems;
import dev.fulcrum.core.request.ProfilesReader;
import dev.fulcrum.core.request.SemanticVersion;
import dev.fulcrum.core.request.StrictObject;
import dev.fulcrum.core.request.Values;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
  private static final Set<String> VARIABLE_FIELDS = Set.of("name", "type", "default", "required", "description");
  private static final Set<String> LAYER_FIELDS =
      Set.of("name", "type", "namespace", "dependsOn", "manifests", "chart", "values");
  private static final Set<String> CHART_FIELDS = Set.of("path", "archive", "repository", "name", "version");
  private static final int MAX_LAYER_ID_LENGTH = KubernetesNames.MAX_LABEL_LENGTH;

  private final BoundedYamlReader yaml = new BoundedYamlReader(ClusterProfile.KIND);
  private final BoundedYamlReader manifestsReader = new BoundedYamlReader("manifest");
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
      problems.add(FieldPaths.DOCUMENT, Values.wrongType("a ClusterProfile object (apiVersion, kind, metadata, spec)", root));
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
    Optional<String> problem = name.flatMap(value -> KubernetesNames.dnsLabelProblem(value, MAX_LAYER_ID_LENGTH));
    problem.ifPresent(message -> problems.add(metadata.path("name"), message));
    return problem.isPresent() ? Optional.empty() : name;
  }

  private Optional<ClusterProfile> spec(StrictObject spec, Optional<String> name, Problems problems) {
    Optional<String> version = version(spec, problems);
    String description = spec.string("description").orElse("");
    DriftPolicy drift = drift(spec, problems);
    List<ProfileVariable> variables = variables(spec, problems);
    List<ProfileLayer> layers = layers(spec, name, variables, problems);
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

  private static List<ProfileVariable> variables(StrictObject spec, Problems problems) {
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
          problems.add(v.path("name"), "must be a variable name: letters, digits and '_', not starting with a digit; got " + Values.quote(name.get()));
          valid = false;
        } else {
          String first = namePaths.putIfAbsent(name.get(), v.path("name"));
          if (first != null) {
            problems.add(v.path("name"), "duplicates " + first + "; variable names are unique");
            valid = false;
          }
        }
      }
      Optional<VariableType> type = v.requiredString("type", "string, integer, number or boolean").flatMap(text -> variableType(text, v, problems));
      boolean required = v.value("required").map(value -> bool(value, v.path("required"), problems)).orElse(false);
      Optional<JsonNode> defaultValue = v.value("default");
      // A variable with a bad default is still declared, so references to it are not reported too.
      if (defaultValue.isPresent() && type.isPresent() && !type.get().accepts(defaultValue.get())) {
        problems.add(v.path("default"), Values.wrongType(type.get().description() + " (the variable's type)", defaultValue.get()));
      }
      if (defaultValue.isPresent() && required) {
        problems.add(v.path("default"), "must not be set for a required variable: every cluster sets it");
      }
      if (valid && type.isPresent()) {
        variables.add(new ProfileVariable(name.get(), type.get(), required, defaultValue, v.string("description").orElse("")));
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

  private List<ProfileLayer> layers(
      StrictObject spec, Optional<String> profileName, List<ProfileVariable> variables, Problems problems) {
    List<StrictObject.Element> elements = spec.list("layers");
    if (spec.value("layers").isEmpty()) {
      problems.add(spec.path("layers"), "required: at least one layer (manifests or a Helm chart)");
    }
    Map<String, Integer> indexByName = new LinkedHashMap<>();
    List<Optional<StrictObject>> objects = new ArrayList<>();
    for (StrictObject.Element element : elements) {
      Optional<StrictObject> layer = StrictObject.of(element.value(), element.path(), LAYER_FIELDS, problems);
      objects.add(layer);
      layer.flatMap(l -> l.requiredString("name", "the layer name")).ifPresent(name -> {
        String path = layer.get().path("name");
        Optional<String> problem = KubernetesNames.dnsLabelProblem(name, MAX_LAYER_ID_LENGTH);
        if (problem.isEmpty() && indexByName.containsKey(name)) {
          problem = Optional.of("duplicates spec.layers[" + indexByName.get(name) + "].name; layer names are unique");
        }
        if (problem.isEmpty() && profileName.isPresent() && profileName.get().length() + 1 + name.length() > MAX_LAYER_ID_LENGTH) {
          problem = Optional.of("makes the layer id " + profileName.get() + "." + name + " longer than " + MAX_LAYER_ID_LENGTH + " characters (it is a label value)");
        }
        problem.ifPresentOrElse(message -> problems.add(path, message), () -> indexByName.put(name, objects.size() - 1));
      });
    }
    Set<String> declared = new TreeSet<>();
    variables.forEach(variable -> declared.add(variable.name()));
    DependencyCheck dependencies = new DependencyCheck(indexByName);
    List<ProfileLayer> layers = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      if (objects.get(i).isPresent()) {
        layer(objects.get(i).get(), i, declared, dependencies, problems).ifPresent(layers::add);
      }
    }
    dependencies.reportCycles(spec.path("layers"), problems);
    return layers;
  }

  private Optional<ProfileLayer> layer(
      StrictObject layer, int index, Set<String> declared, DependencyCheck dependencies, Problems problems) {
    Optional<String> name = layer.string("name");
    Optional<ProfileLayer.Type> type = layer.requiredString("type", "manifests or helm").flatMap(text -> layerType(text, layer, problems));
    Optional<String> namespace = layer.requiredString("namespace", "the namespace the layer installs into");
    namespace.flatMap(value -> KubernetesNames.dnsLabelProblem(value, MAX_LAYER_ID_LENGTH)).ifPresent(problem -> problems.add(layer.path("namespace"), problem));
    List<String> dependsOn = new ArrayList<>();
    for (StrictObject.Element element : layer.list("dependsOn")) {
      Values.string(element.value(), element.path(), problems).ifPresent(dependency -> {
        if (dependencies.add(index, dependency, element.path(), problems)) {
          dependsOn.add(dependency);
        }
      });
    }
    List<ObjectNode> manifests = List.of();
    Optional<ChartSource> chart = Optional.empty();
    ObjectNode values = JsonNodeFactory.instance.objectNode();
    if (type.isPresent() && type.get() == ProfileLayer.Type.MANIFESTS) {
      manifests = manifests(layer, declared, problems);
      onlyFor(layer, "chart", "helm", problems);
      onlyFor(layer, "values", "helm", problems);
    } else if (type.isPresent()) {
      onlyFor(layer, "manifests", "manifests", problems);
      chart = chart(layer, problems);
      values = values(layer, declared, problems);
    }
    if (name.isEmpty() || type.isEmpty() || namespace.isEmpty() || !problems.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ProfileLayer(name.get(), type.get(), namespace.get(), dependsOn, manifests, chart, values));
  }

  private static Optional<ProfileLayer.Type> layerType(String text, StrictObject layer, Problems problems) {
    for (ProfileLayer.Type type : ProfileLayer.Type.values()) {
      if (type.name().toLowerCase(Locale.ROOT).equals(text)) {
        return Optional.of(type);
      }
    }
    problems.add(layer.path("type"), "must be manifests or helm; got " + Values.quote(text));
    return Optional.empty();
  }

  private static void onlyFor(StrictObject layer, String field, String type, Problems problems) {
    if (layer.value(field).isPresent()) {
      problems.add(layer.path(field), "is only for layers of type " + type);
    }
  }

  private List<ObjectNode> manifests(StrictObject layer, Set<String> declared, Problems problems) {
    String path = layer.path("manifests");
    Optional<String> text = layer.requiredString("manifests", "the layer's Kubernetes objects, as multi-document YAML");
    if (text.isEmpty()) {
      return List.of();
    }
    List<JsonNode> documents;
    try {
      documents = manifestsReader.readDocuments(text.get());
    } catch (InvalidRequestException unreadable) {
      unreadable.errors().forEach(error -> problems.add(path, error.message()));
      return List.of();
    }
    if (documents.isEmpty()) {
      problems.add(path, "holds no Kubernetes object");
    }
    List<ObjectNode> objects = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      String where = "document " + (i + 1);
      JsonNode document = documents.get(i);
      Optional<String> problem = objectProblem(document);
      problem.ifPresent(message -> problems.add(path, where + " " + message));
      VariableTemplates.forEachReference(document, "", (variable, field) -> {
        if (!declared.contains(variable)) {
          problems.add(path, where + " (" + field + ") " + undeclared(variable, declared));
        }
      });
      if (problem.isEmpty()) {
        objects.add((ObjectNode) document);
      }
    }
    return objects;
  }

  private static Optional<String> objectProblem(JsonNode document) {
    if (!document.isObject()) {
      return Optional.of("is not a Kubernetes object: " + Values.wrongType("an object", document));
    }
    List<String> missing = new ArrayList<>();
    if (!document.path("apiVersion").isString()) {
      missing.add("apiVersion");
    }
    if (!document.path("kind").isString()) {
      missing.add("kind");
    }
    if (!document.path("metadata").path("name").isString()) {
      missing.add("metadata.name");
    }
    return missing.isEmpty() ? Optional.empty() : Optional.of("is not a Kubernetes object: it needs " + String.join(", ", missing));
  }

  private static Optional<ChartSource> chart(StrictObject layer, Problems problems) {
    Optional<StrictObject> chart = layer.requiredObject("chart", CHART_FIELDS, "the layer's Helm chart: archive (a packaged chart, base64), or repository, name and version");
    if (chart.isEmpty()) {
      return Optional.empty();
    }
    StrictObject c = chart.get();
    if (c.value("path").isPresent()) {
      problems.add(c.path("path"), "is read by the CLI, which packs the chart into chart.archive; send archive instead");
      return Optional.empty();
    }
    Optional<String> archive = c.string("archive");
    boolean remote = c.value("repository").isPresent() || c.value("name").isPresent() || c.value("version").isPresent();
    if (archive.isPresent() && remote) {
      problems.add(c.path(), "must have either archive or repository, name and version, not both");
      return Optional.empty();
    }
    if (archive.isPresent()) {
      return archive(archive.get(), c.path("archive"), problems);
    }
    if (!remote) {
      problems.add(c.path(), "required: archive (a packaged chart, base64), or repository, name and version");
      return Optional.empty();
    }
    Optional<String> repository = c.requiredString("repository", "the Helm repository URL (https://…) or OCI reference (oci://…)");
    Optional<String> name = c.requiredString("name", "the chart name");
    Optional<String> version = c.requiredString("version", "the chart version");
    if (repository.isPresent() && !repository.get().matches("(https?|oci)://[^\\s]+")) {
      problems.add(c.path("repository"), "must be an https://, http:// or oci:// URL; got " + Values.quote(repository.get()));
      return Optional.empty();
    }
    if (repository.isEmpty() || name.isEmpty() || version.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ChartSource.Remote(repository.get(), name.get(), version.get()));
  }

  private static Optional<ChartSource> archive(String base64, String path, Problems problems) {
    byte[] tgz;
    try {
      tgz = Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException notBase64) {
      problems.add(path, "must be a packaged chart (.tgz) in base64: " + notBase64.getMessage());
      return Optional.empty();
    }
    if (tgz.length > MAX_ARCHIVE_BYTES) {
      problems.add(path, "is " + tgz.length + " bytes; a packaged chart may have at most " + MAX_ARCHIVE_BYTES);
      return Optional.empty();
    }
    // gzip's magic bytes: anything else cannot be a packaged chart (Helm's message would be vaguer).
    if (tgz.length < 2 || (tgz[0] & 0xff) != 0x1f || (tgz[1] & 0xff) != 0x8b) {
      problems.add(path, "must be a packaged chart (.tgz, gzip-compressed) in base64; this is not gzip data");
      return Optional.empty();
    }
    return Optional.of(new ChartSource.Archive(tgz));
  }

  private static ObjectNode values(StrictObject layer, Set<String> declared, Problems problems) {
    Optional<JsonNode> values = layer.value("values");
    if (values.isEmpty() || !Values.isObject(values.get(), layer.path("values"), problems)) {
      return JsonNodeFactory.instance.objectNode();
    }
    VariableTemplates.forEachReference(values.get(), layer.path("values"), (variable, field) -> {
      if (!declared.contains(variable)) {
        problems.add(field, undeclared(variable, declared));
      }
    });
    return (ObjectNode) values.get();
  }

  private static String undeclared(String variable, Set<String> declared) {
    return "references ${" + FieldPaths.printable(variable) + "}, which spec.variables does not declare"
        + (declared.isEmpty() ? " (it declares none)" : " (declared: " + String.join(", ", declared) + ")");
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
        helm.render(layer.chart().get(), VariableTemplates.substitute(layer.values(), defaults), layer.name(), layer.namespace(), Optional.empty());
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
