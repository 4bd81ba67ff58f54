package dev.fulcrum.agent;

import dev.fulcrum.agent.DesiredSpec.AddonLayer;
import dev.fulcrum.agent.DesiredSpec.Addons;
import dev.fulcrum.agent.DesiredSpec.Drift;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the {@code addons} part of a desired spec, recording every problem by field path: each layer needs an id
 * that is a label value and unique, its profile, profile version, layer name and namespace; {@code drift} is
 * {@code correct} or {@code report}; {@code dependsOn} names earlier layers only; no object is in two layers.
 */
final class AddonSpecReader {

  private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private AddonSpecReader() {}

  /** The add-ons at {@code node} (none when it is absent or null); problems go to {@code problems}. */
  static Addons read(JsonNode node, List<String> problems) {
    if (node.isMissingNode() || node.isNull()) {
      return Addons.NONE;
    }
    JsonNode layerNodes = node.path("layers");
    if (!node.isObject() || !layerNodes.isMissingNode() && !layerNodes.isArray()) {
      problems.add("addons: must be an object with a list of layers");
      return Addons.NONE;
    }
    List<AddonLayer> layers = new ArrayList<>();
    Set<String> earlierIds = new LinkedHashSet<>();
    Map<String, String> objectOwners = new HashMap<>();
    for (int i = 0; i < layerNodes.size(); i++) {
      String path = "addons.layers[" + i + "]";
      JsonNode layerNode = layerNodes.get(i);
      if (!layerNode.isObject()) {
        problems.add(path + ": must be an object");
        continue;
      }
      AddonLayer layer = layer(layerNode, path, earlierIds, objectOwners, problems);
      if (layer.id() != null) {
        earlierIds.add(layer.id());
      }
      layers.add(layer);
    }
    return new Addons(layers);
  }

  private static AddonLayer layer(JsonNode node, String path, Set<String> earlierIds,
      Map<String, String> objectOwners, List<String> problems) {
    String id = DesiredSpec.text(node, "id", path, problems);
    if (id != null && !LABEL_VALUE.matcher(id).matches()) {
      problems.add(path + ".id: must be a label value (at most 63 letters, digits, '-', '_', '.'), got '" + id + "'");
    } else if (id != null && earlierIds.contains(id)) {
      problems.add(path + ".id: '" + id + "' is the id of an earlier layer");
    }
    String profile = DesiredSpec.text(node, "profile", path, problems);
    String profileVersion = DesiredSpec.text(node, "profileVersion", path, problems);
    String layerName = DesiredSpec.text(node, "layer", path, problems);
    String namespace = DesiredSpec.text(node, "namespace", path, problems);
    if (namespace != null && !DNS_LABEL.matcher(namespace).matches()) {
      problems.add(path + ".namespace: must be a DNS-1123 label, got '" + namespace + "'");
    }
    Drift drift = drift(node.path("drift"), path + ".drift", problems);
    List<String> dependsOn = dependsOn(node.path("dependsOn"), path + ".dependsOn", earlierIds, problems);
    List<ObjectNode> objects = new ArrayList<>();
    JsonNode objectNodes = node.path("objects");
    if (!objectNodes.isArray()) {
      problems.add(path + ".objects: required, a list of Kubernetes objects");
    } else {
      for (int i = 0; i < objectNodes.size(); i++) {
        String objectPath = path + ".objects[" + i + "]";
        JsonNode object = objectNodes.get(i);
        if (!DesiredSpec.kubernetesObject(object, objectPath, problems)) {
          continue;
        }
        String key = AddonObjects.describe(object, namespace);
        String owner = objectOwners.putIfAbsent(key, objectPath);
        if (owner != null) {
          problems.add(objectPath + ": " + key + " is already at " + owner);
        }
        objects.add((ObjectNode) object);
      }
    }
    String problem = node.path("problem").asString("");
    return new AddonLayer(id, profile, profileVersion, layerName, namespace, drift, dependsOn, objects, problem);
  }

  private static Drift drift(JsonNode node, String path, List<String> problems) {
    if (node.isMissingNode() || node.isNull()) {
      return Drift.CORRECT;
    }
    for (Drift drift : Drift.values()) {
      if (drift.wireName().equals(node.asString(""))) {
        return drift;
      }
    }
    problems.add(path + ": must be one of " + Arrays.stream(Drift.values()).map(Drift::wireName).toList() + ", got "
        + node);
    return Drift.CORRECT;
  }

  private static List<String> dependsOn(JsonNode node, String path, Set<String> earlierIds, List<String> problems) {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      problems.add(path + ": must be a list of layer ids");
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String id = node.get(i).asString("");
      if (!earlierIds.contains(id)) {
        problems.add(path + "[" + i + "]: '" + id + "' is not the id of an earlier layer");
      }
      ids.add(id);
    }
    return ids;
  }
}
