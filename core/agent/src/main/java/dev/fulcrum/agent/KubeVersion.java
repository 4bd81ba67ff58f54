package dev.fulcrum.agent;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Kubernetes release version {@code vMAJOR.MINOR.PATCH}, ordered numerically. */
record KubeVersion(int major, int minor, int patch) implements Comparable<KubeVersion> {

  private static final Pattern FORMAT = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)(?:[-+].*)?");

  static Optional<KubeVersion> parse(String text) {
    Matcher matcher = text == null ? null : FORMAT.matcher(text);
    if (matcher == null || !matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(new KubeVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
        Integer.parseInt(matcher.group(3))));
  }

  /** Whether {@code actual} is a version at least {@code wanted}; false when either is not a version. */
  static boolean atLeast(String actual, String wanted) {
    Optional<KubeVersion> a = parse(actual);
    Optional<KubeVersion> w = parse(wanted);
    return a.isPresent() && w.isPresent() && a.get().compareTo(w.get()) >= 0;
  }

  @Override
  public String toString() {
    return "v" + major + "." + minor + "." + patch;
  }

  @Override
  public int compareTo(KubeVersion other) {
    int byMajor = Integer.compare(major, other.major);
    if (byMajor != 0) {
      return byMajor;
    }
    int byMinor = Integer.compare(minor, other.minor);
    return byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
  }
}
