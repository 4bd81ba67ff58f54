package dev.fulcrum.core.request;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Semantic Versioning 2.0.0 version ({@code 1.2.3}, {@code 1.2.3-rc.1}, {@code 1.2.3+build.5}),
 * ordered by semver precedence (build metadata does not count).
 *
 * @param text the version as written
 */
public record SemanticVersion(String text) implements Comparable<SemanticVersion> {
  // The pattern recommended at semver.org.
  private static final Pattern PATTERN =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");
  private static final Pattern NUMERIC = Pattern.compile("\\d+");
  private static final Comparator<String> NUMERIC_TEXT =
      Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

  public SemanticVersion {
    if (!PATTERN.matcher(text).matches()) {
      throw new IllegalArgumentException("not a semantic version: " + text);
    }
  }

  /** The version, if the text is one. */
  public static Optional<SemanticVersion> parse(String text) {
    return PATTERN.matcher(text).matches() ? Optional.of(new SemanticVersion(text)) : Optional.empty();
  }

  /** Whether the version carries build metadata ({@code +...}). */
  public boolean hasBuildMetadata() {
    return text.contains("+");
  }

  @Override
  public int compareTo(SemanticVersion other) {
    Matcher mine = matcher();
    Matcher theirs = other.matcher();
    for (int group = 1; group <= 3; group++) {
      int byNumber = NUMERIC_TEXT.compare(mine.group(group), theirs.group(group));
      if (byNumber != 0) {
        return byNumber;
      }
    }
    return comparePreReleases(mine.group(4), theirs.group(4));
  }

  private Matcher matcher() {
    Matcher matcher = PATTERN.matcher(text);
    matcher.matches(); // checked by the constructor
    return matcher;
  }

  // A version without pre-release ranks above one with; identifiers compare numerically if both are numbers.
  private static int comparePreReleases(String left, String right) {
    if (left == null || right == null) {
      return left == null ? (right == null ? 0 : 1) : -1;
    }
    List<String> a = List.of(left.split("\\."));
    List<String> b = List.of(right.split("\\."));
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      boolean aNumeric = NUMERIC.matcher(a.get(i)).matches();
      boolean bNumeric = NUMERIC.matcher(b.get(i)).matches();
      int compared =
          aNumeric && bNumeric
              ? NUMERIC_TEXT.compare(a.get(i), b.get(i))
              : aNumeric != bNumeric ? (aNumeric ? -1 : 1) : a.get(i).compareTo(b.get(i));
      if (compared != 0) {
        return compared;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  @Override
  public String toString() {
    return text;
  }
}
