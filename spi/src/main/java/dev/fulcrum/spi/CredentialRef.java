package dev.fulcrum.spi;

import java.util.Objects;

/**
 * A reference to the cloud credentials a cluster uses ({@code spec.cloudAccountRef}). Fulcrum only
 * ever handles the reference; the credential values stay in the referenced object.
 *
 * @param kind the referenced kind, e.g. {@code Secret} or {@code AWSClusterStaticIdentity}
 * @param name the referenced object's name
 */
public record CredentialRef(String kind, String name) {
  public CredentialRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }
}
