package dev.fulcrum.core.profiles;

import dev.fulcrum.core.request.FieldPaths;
import dev.fulcrum.core.request.ProfileOverride;
import dev.fulcrum.core.request.ProfileRef;
import dev.fulcrum.core.request.Values;
import dev.fulcrum.core.request.WorkloadCluster;
import dev.fulcrum.core.yaml.Mappers;
import dev.fulcrum.spi.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Checks a cluster's use of profiles against the stored ones: each referenced version exists, every
 * required variable is set, every variable set is declared by a referenced profile and has its type,
 * and each override names a helm layer of its profile. Problems carry the cluster request's field
 * paths ({@code spec.profiles[0]}, {@code spec.variables.replicas}, {@code spec.overrides[1].layer}).
 */
public final class ProfileBindings {
  private final ProfileLookup profiles;

  public ProfileBindings(ProfileLookup profiles) {
    this.profiles = profiles;
  }

  /** The cluster's profiles, in its order; each must exist (see {@link #problems}). */
  List<ClusterProfile> resolve(WorkloadCluster cluster) {
    List<ClusterProfile> resolved = new ArrayList<>();
    for (ProfileRef ref : cluster.profiles()) {
      profiles.get(ref.name(), ref.version()).ifPresent(resolved::add);
    }
    return resolved;
  }

  /** Every problem with the cluster's profiles, variables and overrides; empty if none. */
  public List<FieldError> problems(WorkloadCluster cluster) {
    List<FieldError> problems = new ArrayList<>();
    Map<String, DeclaredVariable> declared = new LinkedHashMap<>();
    List<ClusterProfile> resolved = new ArrayList<>();
    for (int i = 0; i < cluster.profiles().size(); i++) {
      ProfileRef ref = cluster.profiles().get(i);
      Optional<ClusterProfile> profile = profiles.get(ref.name(), ref.version());
      if (profile.isEmpty()) {
        problems.add(
            new FieldError(
                FieldPaths.index("spec.profiles", i),
                "no profile " + ref.name() + "@" + ref.version()
                    + " is stored; apply it first (fulcrum profile apply -f)"));
        continue;
      }
      resolved.add(profile.get());
      for (ProfileVariable variable : profile.get().variables()) {
        DeclaredVariable first = declared.putIfAbsent(variable.name(), new DeclaredVariable(ref.name(), variable));
        // spec.variables sets one value per name, so profiles sharing a name must agree on its type.
        if (first != null && first.variable().type() != variable.type()) {
          problems.add(
              new FieldError(
                  FieldPaths.index("spec.profiles", i),
                  "declares variable " + variable.name() + " as " + variable.type().wireName() + ", but profile "
                      + first.profile() + " declares it as " + first.variable().type().wireName()
                      + "; the cluster sets one value for both"));
        }
      }
    }
    Map<String, JsonNode> values = values(cluster);
    for (Map.Entry<String, JsonNode> set : values.entrySet()) {
      String path = FieldPaths.field("spec.variables", set.getKey());
      DeclaredVariable variable = declared.get(set.getKey());
      if (variable == null) {
        problems.add(
            new FieldError(
                path,
                "is not a variable of the cluster's profiles"
                    + (declared.isEmpty()
                        ? " (they declare none)"
                        : " (declared: " + String.join(", ", new TreeSet<>(declared.keySet())) + ")")));
      } else if (!variable.variable().type().accepts(set.getValue())) {
        problems.add(
            new FieldError(
                path,
                Values.wrongType(
                    variable.variable().type().description() + " (variable " + set.getKey() + " of profile "
                        + variable.profile() + ")",
                    set.getValue())));
      }
    }
    for (DeclaredVariable variable : declared.values()) {
      if (variable.variable().required() && !values.containsKey(variable.variable().name())) {
        problems.add(
            new FieldError(
                FieldPaths.field("spec.variables", variable.variable().name()),
                "required by profile " + variable.profile()
                    + (variable.variable().description().isEmpty() ? "" : ": " + variable.variable().description())));
      }
    }
    for (int i = 0; i < cluster.overrides().size(); i++) {
      ProfileOverride override = cluster.overrides().get(i);
      String path = FieldPaths.field(FieldPaths.index("spec.overrides", i), "layer");
      resolved.stream()
          .filter(profile -> profile.name().equals(override.profile()))
          .findFirst()
          .ifPresent(
              profile -> {
                Optional<ProfileLayer> layer = profile.layer(override.layer());
                if (layer.isEmpty()) {
                  problems.add(
                      new FieldError(
                          path,
                          "must name a layer of profile " + profile.reference() + " ("
                              + String.join(", ", profile.layers().stream().map(ProfileLayer::name).toList())
                              + "); got "
                              + Values.quote(override.layer())));
                } else if (layer.get().type() != ProfileLayer.Type.HELM) {
                  problems.add(
                      new FieldError(path, "names a manifests layer; overrides change the values of helm layers"));
                }
              });
    }
    return problems;
  }

  /** The cluster's {@code spec.variables} as trees. */
  static Map<String, JsonNode> values(WorkloadCluster cluster) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    cluster.variables().forEach((name, value) -> values.put(name, Mappers.json().valueToTree(value)));
    return values;
  }

  private record DeclaredVariable(String profile, ProfileVariable variable) {}
}
