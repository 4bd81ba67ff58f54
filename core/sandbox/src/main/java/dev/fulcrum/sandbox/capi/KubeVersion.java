package dev.fulcrum.sandbox.capi;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes release versions ({@code v1.33.4}): their order and the minor-version distance between two. */
final class KubeVersion {

  private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

  /** Oldest first; versions that do not parse sort after the others, by text. */
  static final Comparator<String> ORDER = Comparator.comparing((String v) -> parse(v) == null)
      .thenComparing(v -> parse(v) == null ? new int[0] : parse(v), java.util.Arrays::compare)
      .thenComparing(Comparator.naturalOrder());

  private KubeVersion() {}

  /** How many minor versions {@code to} is above {@code from} (same major); 0 when either does not parse. */
  static int minorsBetween(String from, String to) {
    int[] a = parse(from);
    int[] b = parse(to);
    if (a == null || b == null || a[0] != b[0]) {
      return 0;
    }
    return b[1] - a[1];
  }

  private static int[] parse(String version) {
    Matcher matcher = VERSION.matcher(version);
    if (!matcher.matches()) {
      return null;
    }
    return new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
        matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3))};
  }
}
