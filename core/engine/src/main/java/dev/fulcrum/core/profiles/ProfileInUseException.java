package dev.fulcrum.core.profiles;

import java.util.List;

/**
 * A profile version that clusters use was to be changed; a version in use is immutable, so the change
 * must be published as a new version.
 */
public final class ProfileInUseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> clusters;

  /**
   * @param reference the profile version, {@code name@version}
   * @param clusters the clusters using it, {@code project/name}
   */
  public ProfileInUseException(String reference, List<String> clusters) {
    super(
        "profile " + reference + " is used by " + String.join(", ", clusters) + "; a version in use cannot change:"
            + " publish the change as a new version");
    this.clusters = List.copyOf(clusters);
  }

  /** The clusters using the version, {@code project/name}. */
  public List<String> clusters() {
    return clusters;
  }
}
