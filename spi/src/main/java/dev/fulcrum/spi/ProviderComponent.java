package dev.fulcrum.spi;

import java.util.Objects;

/**
 * A Cluster API provider component a workload cluster needs before the pivot moves its objects
 * there, named as clusterctl names providers.
 *
 * @param name the provider name, e.g. {@code vsphere}
 * @param type the clusterctl provider type: {@code InfrastructureProvider}, {@code IPAMProvider}, …
 * @param version the component version, e.g. {@code v1.16.1}
 */
public record ProviderComponent(String name, String type, String version) {
  public ProviderComponent {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(version, "version");
  }
}
