package dev.fulcrum.core.profiles;

import dev.fulcrum.core.request.BoundedYamlReader;
import dev.fulcrum.core.request.FieldPaths;
import dev.fulcrum.core.request.InvalidRequestException;
import dev.fulcrum.core.request.KubernetesNames;
import dev.fulcrum.core.request.Problems;
import dev.fulcrum.core.request.StrictObject;
import dev.fulcrum.core.request.Values;
import java.util.ArrayList;
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
 * Reads a profile's {@code spec.layers}: unique names that make valid layer ids, a type and namespace,
 * manifests that are Kubernetes objects, a chart and values for helm layers, {@code ${var}} references
 * to declared variables only, and dependencies on earlier layers (see {@link DependencyCheck}).
 */
final class LayersReader {
  private static final Set<String> LAYER_FIELDS =
      Set.of("name", "type", "namespace", "dependsOn", "manifests", "chart", "values");
  private static final int MAX_LAYER_ID_LENGTH = KubernetesNames.MAX_LABEL_LENGTH;

  private final BoundedYamlReader manifestsReader = new BoundedYamlReader("manifest");

  List<ProfileLayer> read(
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
        if (problem.isEmpty()
            && profileName.isPresent()
            && profileName.get().length() + 1 + name.length() > MAX_LAYER_ID_LENGTH) {
          problem =
              Optional.of(
                  "makes the layer id " + profileName.get() + "." + name + " longer than " + MAX_LAYER_ID_LENGTH
                      + " characters (it is a label value)");
        }
        problem.ifPresentOrElse(
            message -> problems.add(path, message), () -> indexByName.put(name, objects.size() - 1));
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
    Optional<ProfileLayer.Type> type =
        layer.requiredString("type", "manifests or helm").flatMap(text -> layerType(text, layer, problems));
    Optional<String> namespace = layer.requiredString("namespace", "the namespace the layer installs into");
    namespace
        .flatMap(value -> KubernetesNames.dnsLabelProblem(value, MAX_LAYER_ID_LENGTH))
        .ifPresent(problem -> problems.add(layer.path("namespace"), problem));
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
      chart = ChartReader.read(layer, problems);
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
    return missing.isEmpty()
        ? Optional.empty()
        : Optional.of("is not a Kubernetes object: it needs " + String.join(", ", missing));
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
}
