package dev.fulcrum.core.request;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which Kubernetes versions a request may ask for ({@code spec.kubernetesVersion}). */
public final class KubernetesVersions {
  /** The one place the supported range is written: {@code v1.32.0 <= version < v1.37.0}. */
  static final Range SUPPORTED = new Range(new Version(1, 32, 0), new Version(1, 37, 0));

  // A release version: no leading zeros, no pre-release or build suffix.
  private static final Pattern RELEASE = Pattern.compile("v(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})");

  private KubernetesVersions() {}

  /** What is wrong with the version, or empty if it is a supported release. */
  static Optional<String> problem(String text) {
    Optional<Version> parsed = parse(text);
    if (parsed.isEmpty()) {
      return Optional.of(
          "must be a Kubernetes release version vMAJOR.MINOR.PATCH, e.g. v1.33.4 (with the 'v', no"
              + " pre-release or build suffix); got "
              + Values.quote(text));
    }
    Version version = parsed.get();
    if (!SUPPORTED.contains(version)) {
      return Optional.of("must be within the supported range " + SUPPORTED + "; got " + version);
    }
    return Optional.empty();
  }

  /** The release version the text names, if it is one (no range check). */
  public static Optional<Version> parse(String text) {
    Matcher release = RELEASE.matcher(text);
    if (!release.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new Version(
            Integer.parseInt(release.group(1)), Integer.parseInt(release.group(2)), Integer.parseInt(release.group(3))));
  }

  /** A Kubernetes release version. */
  public record Version(int major, int minor, int patch) implements Comparable<Version> {
    @Override
    public int compareTo(Version other) {
      int byMajor = Integer.compare(major, other.major);
      int byMinor = byMajor != 0 ? byMajor : Integer.compare(minor, other.minor);
      return byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
      return "v" + major + "." + minor + "." + patch;
    }
  }

  /** Versions from {@code minimum} (inclusive) up to {@code limit} (exclusive). */
  record Range(Version minimum, Version limit) {
    boolean contains(Version version) {
      return version.compareTo(minimum) >= 0 && version.compareTo(limit) < 0;
    }

    @Override
    public String toString() {
      return minimum + " <= version < " + limit;
    }
  }
}
