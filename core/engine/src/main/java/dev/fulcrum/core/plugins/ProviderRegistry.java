package dev.fulcrum.core.plugins;

import dev.fulcrum.spi.InfrastructureProvider;
import java.util.Optional;
import java.util.SortedSet;

/** The infrastructure providers the server has loaded, by id ({@code spec.provider}). */
public interface ProviderRegistry {

  /** The provider with this id, if one is loaded and started. */
  Optional<InfrastructureProvider> find(String id);

  /** The ids of every usable provider, sorted. */
  SortedSet<String> ids();
}
