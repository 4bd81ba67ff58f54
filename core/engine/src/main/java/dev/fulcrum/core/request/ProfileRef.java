package dev.fulcrum.core.request;

import java.util.Objects;

/**
 * A cluster profile a request asks for ({@code spec.profiles[i]}).
 *
 * @param name the profile name, a DNS-1123 label
 * @param version the profile version, a semantic version such as {@code 1.0.0}
 */
public record ProfileRef(String name, String version) {
  public ProfileRef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
  }
}
