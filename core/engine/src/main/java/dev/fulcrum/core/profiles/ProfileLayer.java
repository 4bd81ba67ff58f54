package dev.fulcrum.core.profiles;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * One layer of a profile ({@code spec.layers[i]}): plain manifests or a Helm chart, installed into one
 * namespace after the layers it depends on. Manifests and values still hold their {@code ${var}}
 * references; {@link AddonPlanner} substitutes them per cluster.
 *
 * @param name the layer name, unique in the profile
 * @param type manifests or helm
 * @param namespace the namespace it installs into
 * @param dependsOn earlier layers of the profile that must be ready first
 * @param manifests the objects of a manifests layer; empty for a helm layer
 * @param chart the chart of a helm layer; empty for a manifests layer
 * @param values the chart values of a helm layer; an empty object for a manifests layer
 */
public record ProfileLayer(
    String name,
    Type type,
    String namespace,
    List<String> dependsOn,
    List<ObjectNode> manifests,
    Optional<ChartSource> chart,
    ObjectNode values) {

  /** The kinds of layer. */
  public enum Type {
    MANIFESTS,
    HELM
  }

  public ProfileLayer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(namespace, "namespace");
    dependsOn = List.copyOf(dependsOn);
    manifests = manifests.stream().map(ObjectNode::deepCopy).toList();
    Objects.requireNonNull(chart, "chart");
    values = values.deepCopy();
  }

  @Override
  public List<ObjectNode> manifests() {
    return manifests.stream().map(ObjectNode::deepCopy).toList();
  }

  @Override
  public ObjectNode values() {
    return values.deepCopy();
  }

  /** The layer's id in a cluster: {@code <profile>.<layer>}. */
  public String id(String profile) {
    return profile + "." + name;
  }
}
