package dev.fulcrum.sandbox.components;

import dev.fulcrum.sandbox.capi.InfraKinds;
import java.util.Objects;

/**
 * An infrastructure provider the sandbox plays, as its components repository names it.
 *
 * @param name the clusterctl provider name; its directory is {@code infrastructure-<name>}
 * @param version the component version, e.g. {@code v1.14.0}
 * @param kinds the provider's kinds (its CRDs are taken from the management cluster)
 * @param namespace the namespace its controller runs in
 * @param image the controller image repository (the tag is the version)
 */
public record SandboxProvider(String name, String version, InfraKinds kinds, String namespace, String image) {
  public SandboxProvider {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(kinds, "kinds");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(image, "image");
  }
}
