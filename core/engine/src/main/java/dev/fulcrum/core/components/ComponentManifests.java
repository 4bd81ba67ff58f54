package dev.fulcrum.core.components;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One component's objects, ready to apply: variables substituted and clusterctl's labels added.
 *
 * @param component the component
 * @param objects its objects in file order (deep copies: changing them changes nothing here)
 */
public record ComponentManifests(Component component, List<ObjectNode> objects) {
  public ComponentManifests {
    Objects.requireNonNull(component, "component");
    objects = objects.stream().map(ObjectNode::deepCopy).toList();
  }

  @Override
  public List<ObjectNode> objects() {
    return objects.stream().map(ObjectNode::deepCopy).toList();
  }

  @Override
  public String toString() {
    return component + " (" + objects.size() + " objects)";
  }
}
