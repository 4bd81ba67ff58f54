package dev.fulcrum.core.profiles;

import dev.fulcrum.core.request.BoundedYamlReader;
import dev.fulcrum.core.request.InvalidRequestException;
import dev.fulcrum.core.request.ProfileOverride;
import dev.fulcrum.core.request.WorkloadCluster;
import dev.fulcrum.core.yaml.Mappers;
import dev.fulcrum.spi.AddonLayer;
import dev.fulcrum.spi.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plans a cluster's add-ons (step 6): the provider's add-on layers, then each referenced profile's
 * layers, every Helm chart rendered by the real Helm engine (release = layer name, the layer's
 * namespace, the cluster's Kubernetes version) with the cluster's variables substituted and its
 * overrides merged over the layer's values. Renders are cached by content, so planning again on every
 * spec request is cheap. Thread-safe.
 */
public final class AddonPlanner {
  /** Kinds that are cluster-scoped: their objects get no namespace. */
  private static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "Namespace",
          "CustomResourceDefinition",
          "ClusterRole",
          "ClusterRoleBinding",
          "PriorityClass",
          "StorageClass",
          "CSIDriver",
          "PersistentVolume",
          "IngressClass",
          "RuntimeClass",
          "MutatingWebhookConfiguration",
          "ValidatingWebhookConfiguration",
          "ValidatingAdmissionPolicy",
          "ValidatingAdmissionPolicyBinding",
          "APIService");

  private final ProfileLookup profiles;
  private final ProfileBindings bindings;
  private final HelmRenderer helm;
  private final BoundedYamlReader manifests = new BoundedYamlReader("manifest");

  /**
   * @param profiles the stored profiles
   * @param helm renders charts (share one: it holds the render cache)
   */
  public AddonPlanner(ProfileLookup profiles, HelmRenderer helm) {
    this.profiles = profiles;
    this.bindings = new ProfileBindings(profiles);
    this.helm = helm;
  }

  /**
   * Checks the cluster's profile references, variables and overrides (for the Accept step).
   *
   * @return every problem, by the request's field paths; empty if none
   */
  public List<FieldError> validate(WorkloadCluster cluster) {
    return bindings.problems(cluster);
  }

  /**
   * @param cluster the cluster (its profiles, variables, overrides and Kubernetes version)
   * @param provider the provider's id, the "profile" of its add-on layers
   * @param providerVersion the provider's version; may be empty
   * @param providerAddons the provider's {@code addons(request)}
   * @return the layers in apply order
   * @throws InvalidRequestException if the cluster's profile use is invalid ({@link #validate})
   */
  public AddonPlan plan(
      WorkloadCluster cluster, String provider, String providerVersion, List<AddonLayer> providerAddons) {
    List<FieldError> problems = bindings.problems(cluster);
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    Optional<String> kubeVersion = Optional.of(cluster.request().kubernetesVersion());
    List<PlannedLayer> layers = new ArrayList<>();
    for (AddonLayer addon : providerAddons) {
      layers.add(providerLayer(addon, provider, providerVersion, kubeVersion));
    }
    Map<String, JsonNode> clusterValues = ProfileBindings.values(cluster);
    for (ClusterProfile profile : bindings.resolve(cluster)) {
      Map<String, JsonNode> variables = new HashMap<>();
      for (ProfileVariable variable : profile.variables()) {
        JsonNode value = clusterValues.getOrDefault(variable.name(), variable.defaultValue().orElse(null));
        variables.put(variable.name(), value); // present: required ones were checked above
      }
      for (ProfileLayer layer : profile.layers()) {
        layers.add(profileLayer(profile, layer, variables, overrides(cluster, profile, layer), kubeVersion));
      }
    }
    return new AddonPlan(layers);
  }

  private PlannedLayer profileLayer(
      ClusterProfile profile,
      ProfileLayer layer,
      Map<String, JsonNode> variables,
      List<ProfileOverride> overrides,
      Optional<String> kubeVersion) {
    List<String> dependsOn = layer.dependsOn().stream().map(name -> profile.name() + "." + name).toList();
    List<ObjectNode> objects;
    Optional<String> problem = Optional.empty();
    if (layer.type() == ProfileLayer.Type.MANIFESTS) {
      objects =
          layer.manifests().stream()
              .map(object -> (ObjectNode) VariableTemplates.substitute(object, variables))
              .toList();
    } else {
      ObjectNode values = layer.values();
      for (ProfileOverride override : overrides) {
        merge(values, Mappers.json().valueToTree(override.values()));
      }
      try {
        objects =
            helm.render(
                layer.chart().orElseThrow(), VariableTemplates.substitute(values, variables), layer.name(),
                layer.namespace(), kubeVersion);
      } catch (ChartRenderException refused) {
        objects = List.of();
        problem =
            Optional.of(
                "Helm cannot render the chart of " + profile.reference() + " layer " + layer.name() + ": "
                    + refused.getMessage());
      }
    }
    return new PlannedLayer(
        layer.id(profile.name()), profile.name(), profile.version(), layer.name(), layer.namespace(), profile.drift(),
        dependsOn, inNamespace(objects, layer.namespace()), problem);
  }

  private PlannedLayer providerLayer(AddonLayer addon, String provider, String version, Optional<String> kubeVersion) {
    List<ObjectNode> objects = List.of();
    Optional<String> problem = Optional.empty();
    String where = "provider " + provider + " add-on " + addon.name();
    try {
      if (addon instanceof AddonLayer.Manifests manifest) {
        List<JsonNode> documents = manifests.readDocuments(manifest.yaml());
        if (documents.stream().allMatch(JsonNode::isObject)) {
          objects = documents.stream().map(ObjectNode.class::cast).toList();
        } else {
          problem = Optional.of("the manifests of " + where + " hold a YAML document that is not an object");
        }
      } else {
        AddonLayer.HelmChart chart = (AddonLayer.HelmChart) addon;
        objects =
            helm.render(
                new ChartSource.Remote(chart.repository(), chart.chart(), chart.version()),
                Mappers.json().valueToTree(chart.values()), addon.name(), addon.namespace(), kubeVersion);
      }
    } catch (ChartRenderException unavailable) {
      problem = Optional.of("the chart of " + where + " is not available: " + unavailable.getMessage());
    } catch (InvalidRequestException unreadable) {
      problem = Optional.of("the manifests of " + where + " cannot be read: " + unreadable.getMessage());
    }
    return new PlannedLayer(
        provider + "." + addon.name(), provider, version, addon.name(), addon.namespace(), DriftPolicy.CORRECT,
        List.of(), inNamespace(objects, addon.namespace()), problem);
  }

  private static List<ProfileOverride> overrides(WorkloadCluster cluster, ClusterProfile profile, ProfileLayer layer) {
    return cluster.overrides().stream()
        .filter(override -> override.profile().equals(profile.name()) && override.layer().equals(layer.name()))
        .collect(Collectors.toList());
  }

  // Objects merge key by key; anything else (lists included, as in Helm) is replaced.
  private static void merge(ObjectNode target, JsonNode overlay) {
    for (Map.Entry<String, JsonNode> field : overlay.properties()) {
      JsonNode existing = target.get(field.getKey());
      if (existing instanceof ObjectNode object && field.getValue().isObject()) {
        merge(object, field.getValue());
      } else {
        target.set(field.getKey(), field.getValue().deepCopy());
      }
    }
  }

  // Helm leaves a template's namespace unset unless it writes one; the layer's namespace is where it goes.
  private static List<ObjectNode> inNamespace(List<ObjectNode> objects, String namespace) {
    for (ObjectNode object : objects) {
      if (!CLUSTER_SCOPED.contains(object.path("kind").asString())
          && object.path("metadata").isObject()
          && !object.path("metadata").path("namespace").isString()) {
        ((ObjectNode) object.get("metadata")).put("namespace", namespace);
      }
    }
    return objects;
  }
}
