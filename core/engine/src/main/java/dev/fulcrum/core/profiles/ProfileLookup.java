package dev.fulcrum.core.profiles;

import java.util.Optional;

/** Finds a stored profile version; {@link ClusterProfiles#get} is one. */
@FunctionalInterface
public interface ProfileLookup {
  /** The profile version, if stored. */
  Optional<ClusterProfile> get(String name, String version);
}
