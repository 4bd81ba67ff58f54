package dev.fulcrum.cli;

import java.util.Optional;

/**
 * A profile named on the command line: {@code NAME} or {@code NAME@VERSION}.
 *
 * @param name the profile's name
 * @param version the version, when given
 */
record ProfileReference(String name, Optional<String> version) {
  /** Splits at the first {@code @}; without one, there is no version. */
  static ProfileReference parse(String text) {
    int at = text.indexOf('@');
    return at < 0
        ? new ProfileReference(text, Optional.empty())
        : new ProfileReference(text.substring(0, at), Optional.of(text.substring(at + 1)));
  }

  /** Whether both the name and the version are there (not blank). */
  boolean isVersioned() {
    return !name.isBlank() && version.filter(v -> !v.isBlank()).isPresent();
  }

  @Override
  public String toString() {
    return name + version.map(v -> "@" + v).orElse("");
  }
}
