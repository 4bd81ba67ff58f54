package dev.fulcrum.core.request;

import java.util.Map;
import java.util.Objects;

/**
 * Values one cluster merges over one layer of a profile it uses ({@code spec.overrides[i]}).
 *
 * @param profile the profile's name, one of {@code spec.profiles}
 * @param layer the layer's name within the profile
 * @param values the values merged over the layer's own (objects merge key by key; anything else replaces)
 */
public record ProfileOverride(String profile, String layer, Map<String, Object> values) {
  public ProfileOverride {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(layer, "layer");
    values = Map.copyOf(values);
  }
}
