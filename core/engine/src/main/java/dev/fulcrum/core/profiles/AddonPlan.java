package dev.fulcrum.core.profiles;

import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A cluster's add-on layers in apply order: the provider's first, then each profile's in the order
 * the cluster lists them.
 *
 * @param layers the layers
 */
public record AddonPlan(List<PlannedLayer> layers) {
  public AddonPlan {
    layers = List.copyOf(layers);
  }

  /**
   * The desired spec's {@code addons} object: {@code {"layers": [{id, profile, profileVersion, layer,
   * namespace, drift, dependsOn, objects, problem?}]}}.
   */
  public ObjectNode toJson() {
    ObjectNode addons = JsonNodeFactory.instance.objectNode();
    ArrayNode array = addons.putArray("layers");
    for (PlannedLayer layer : layers) {
      ObjectNode json = array.addObject();
      json.put("id", layer.id());
      json.put("profile", layer.profile());
      json.put("profileVersion", layer.profileVersion());
      json.put("layer", layer.layer());
      json.put("namespace", layer.namespace());
      json.put("drift", layer.drift().wireName());
      ArrayNode dependsOn = json.putArray("dependsOn");
      layer.dependsOn().forEach(dependsOn::add);
      ArrayNode objects = json.putArray("objects");
      layer.objects().forEach(objects::add);
      layer.problem().ifPresent(problem -> json.put("problem", problem));
    }
    return addons;
  }
}
