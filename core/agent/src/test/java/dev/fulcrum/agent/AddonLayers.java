package dev.fulcrum.agent;

import dev.fulcrum.core.yaml.Mappers;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Add-on layers as the management plane sends them (CONTRACT6: {@code addons.layers}), built in tests from YAML
 * manifests (what a manifests layer holds, or what Helm rendered for a chart layer).
 */
final class AddonLayers {

  private final ArrayNode layers = Mappers.json().createArrayNode();

  /** Adds a layer of profile {@code profile} at version {@code version}; {@code yaml} is multi-document YAML. */
  AddonLayers layer(String profile, String version, String layer, String namespace, String drift,
      List<String> dependsOn, String yaml) {
    ObjectNode node = layers.addObject();
    node.put("id", profile + "." + layer);
    node.put("profile", profile);
    node.put("profileVersion", version);
    node.put("layer", layer);
    node.put("namespace", namespace);
    node.put("drift", drift);
    ArrayNode depends = node.putArray("dependsOn");
    dependsOn.forEach(depends::add);
    ArrayNode objects = node.putArray("objects");
    try (MappingIterator<JsonNode> documents = Mappers.yaml().readerFor(JsonNode.class).readValues(yaml)) {
      while (documents.hasNext()) {
        JsonNode object = documents.next();
        if (object != null && object.isObject()) {
          objects.add(object);
        }
      }
    }
    return this;
  }

  /** {@code specJson} with these layers as its add-ons. */
  String addTo(String specJson) {
    ObjectNode spec = (ObjectNode) Mappers.json().readTree(specJson);
    spec.putObject("addons").set("layers", layers.deepCopy());
    return Mappers.json().writeValueAsString(spec);
  }

  /** A Deployment manifest with one container, in {@code namespace} unless that is empty. */
  static String deployment(String name, String namespace, int replicas) {
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\n"
        + (namespace.isEmpty() ? "" : "  namespace: " + namespace + "\n")
        + "spec:\n  replicas: " + replicas + "\n  selector:\n    matchLabels: {app: " + name + "}\n"
        + "  template:\n    metadata:\n      labels: {app: " + name + "}\n"
        + "    spec:\n      containers:\n      - name: main\n        image: registry.example/" + name + ":1.0\n";
  }

  /** A StatefulSet manifest with one container, in the layer's namespace. */
  static String statefulSet(String name, int replicas) {
    return workload("StatefulSet", name, "  serviceName: " + name + "\n  replicas: " + replicas + "\n");
  }

  /** A DaemonSet manifest with one container, in the layer's namespace. */
  static String daemonSet(String name) {
    return workload("DaemonSet", name, "");
  }

  private static String workload(String kind, String name, String specFields) {
    return "apiVersion: apps/v1\nkind: " + kind + "\nmetadata:\n  name: " + name + "\nspec:\n" + specFields
        + "  selector:\n    matchLabels: {app: " + name + "}\n"
        + "  template:\n    metadata:\n      labels: {app: " + name + "}\n"
        + "    spec:\n      containers:\n      - name: main\n        image: registry.example/" + name + ":1.0\n";
  }

  /** A ConfigMap manifest; no namespace when {@code namespace} is empty. */
  static String configMap(String name, String namespace, String value) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n"
        + (namespace.isEmpty() ? "" : "  namespace: " + namespace + "\n") + "data:\n  value: \"" + value + "\"\n";
  }

  static String namespace(String name) {
    return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n";
  }

  static String docs(String... documents) {
    return String.join("---\n", documents);
  }
}
