package dev.fulcrum.core.profiles;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * One add-on layer of a cluster's desired spec ({@code addons.layers[i]}), ready for its agent: the
 * objects are complete, Helm already rendered and variables substituted.
 *
 * @param id {@code <profile>.<layer>}, a label value; the agent labels the layer's objects with it
 * @param profile the profile's name (a provider's id for the provider's own add-ons)
 * @param profileVersion the profile's version (the provider's version for its add-ons; may be empty)
 * @param layer the layer's name
 * @param namespace the namespace it installs into
 * @param drift what the agent does with objects changed by hand
 * @param dependsOn ids of layers that must be ready first
 * @param objects the objects, in apply order; empty when {@code problem} is set
 * @param problem why the layer cannot be installed (a remote chart not reachable, a render Helm
 *     refused with this cluster's values): the agent reports the layer as failed with it
 */
public record PlannedLayer(
    String id,
    String profile,
    String profileVersion,
    String layer,
    String namespace,
    DriftPolicy drift,
    List<String> dependsOn,
    List<ObjectNode> objects,
    Optional<String> problem) {
  public PlannedLayer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(profileVersion, "profileVersion");
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(drift, "drift");
    dependsOn = List.copyOf(dependsOn);
    objects = objects.stream().map(ObjectNode::deepCopy).toList();
    Objects.requireNonNull(problem, "problem");
  }
}
