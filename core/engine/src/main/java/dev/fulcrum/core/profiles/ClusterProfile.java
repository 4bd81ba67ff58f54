package dev.fulcrum.core.profiles;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated cluster profile: one version of a named, layered set of add-ons.
 *
 * @param name the profile name, a DNS-1123 label
 * @param version its semantic version (no build metadata)
 * @param description what it installs; may be empty
 * @param drift what the agent does with objects changed by hand
 * @param variables the variables its values and manifests may reference
 * @param layers the layers, in apply order
 * @param spec the profile's {@code spec} as applied, which is what is stored
 */
public record ClusterProfile(
    String name,
    String version,
    String description,
    DriftPolicy drift,
    List<ProfileVariable> variables,
    List<ProfileLayer> layers,
    ObjectNode spec) {

  /** The kind's API version. */
  public static final String API_VERSION = "fulcrum.dev/v1alpha1";

  /** The kind. */
  public static final String KIND = "ClusterProfile";

  public ClusterProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(drift, "drift");
    variables = List.copyOf(variables);
    layers = List.copyOf(layers);
    spec = spec.deepCopy();
  }

  @Override
  public ObjectNode spec() {
    return spec.deepCopy();
  }

  /** The stored object's name: {@code <name>.<version>}. */
  public String objectName() {
    return objectName(name, version);
  }

  /** {@code name@version}, as users write it. */
  public String reference() {
    return reference(name, version);
  }

  /** {@code name@version}, as users write it. */
  public static String reference(String name, String version) {
    return name + "@" + version;
  }

  /** The stored object's name for a profile version. */
  public static String objectName(String name, String version) {
    return name + "." + version;
  }

  /** The layer of that name. */
  public Optional<ProfileLayer> layer(String layerName) {
    return layers.stream().filter(layer -> layer.name().equals(layerName)).findFirst();
  }

  /** The variable of that name. */
  public Optional<ProfileVariable> variable(String variableName) {
    return variables.stream().filter(variable -> variable.name().equals(variableName)).findFirst();
  }
}
