package dev.fulcrum.core.profiles;

import java.util.List;

/**
 * A profile version that clusters use was to be changed or deleted; a version in use is immutable and
 * stays until no cluster references it.
 */
public final class ProfileInUseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> clusters;

  private ProfileInUseException(String reference, List<String> clusters, String consequence) {
    super("profile " + reference + " is used by " + String.join(", ", clusters) + "; " + consequence);
    this.clusters = List.copyOf(clusters);
  }

  /**
   * Refuses changing a version in use.
   *
   * @param reference the profile version, {@code name@version}
   * @param clusters the clusters using it, {@code project/name}
   */
  public static ProfileInUseException changing(String reference, List<String> clusters) {
    return new ProfileInUseException(
        reference, clusters, "a version in use cannot change: publish the change as a new version");
  }

  /**
   * Refuses deleting a version in use.
   *
   * @param reference the profile version, {@code name@version}
   * @param clusters the clusters using it, {@code project/name}
   */
  public static ProfileInUseException deleting(String reference, List<String> clusters) {
    return new ProfileInUseException(
        reference, clusters, "a version in use cannot be deleted: move those clusters to another version first");
  }

  /** The clusters using the version, {@code project/name}. */
  public List<String> clusters() {
    return clusters;
  }
}
