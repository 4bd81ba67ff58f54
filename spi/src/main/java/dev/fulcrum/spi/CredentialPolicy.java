package dev.fulcrum.spi;

import java.util.List;

/**
 * How a provider takes cloud credentials ({@code spec.cloudAccountRef}). Credentials are always
 * passed by reference: the request names an object, never a secret value.
 *
 * @param allowed whether a request may carry a {@code cloudAccountRef} at all
 * @param required whether a request must carry one
 * @param defaultKind the kind assumed when the reference omits {@code kind}; null if not allowed
 * @param kinds every kind the provider accepts
 */
public record CredentialPolicy(boolean allowed, boolean required, String defaultKind, List<String> kinds) {
  public CredentialPolicy {
    kinds = List.copyOf(kinds);
    if (required && !allowed) {
      throw new IllegalArgumentException("a required credential must be allowed");
    }
    if (allowed && (defaultKind == null || !kinds.contains(defaultKind))) {
      throw new IllegalArgumentException("defaultKind must be one of kinds");
    }
  }

  /** The provider needs no credentials, and a request must not name any (e.g. Docker). */
  public static CredentialPolicy none() {
    return new CredentialPolicy(false, false, null, List.of());
  }

  /** A reference is optional; without one the provider's controller falls back to its own identity. */
  public static CredentialPolicy optional(String defaultKind, String... kinds) {
    return new CredentialPolicy(true, false, defaultKind, List.of(kinds));
  }

  /** A reference is required. */
  public static CredentialPolicy required(String defaultKind, String... kinds) {
    return new CredentialPolicy(true, true, defaultKind, List.of(kinds));
  }
}
