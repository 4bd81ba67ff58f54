package dev.fulcrum.core.render;

import dev.fulcrum.core.plugins.ProviderRegistry;
import dev.fulcrum.spi.InfrastructureProvider;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** A registry holding exactly one provider. */
public record RegistryOf(InfrastructureProvider provider) implements ProviderRegistry {
  @Override
  public Optional<InfrastructureProvider> find(String id) {
    return provider.descriptor().id().equals(id) ? Optional.of(provider) : Optional.empty();
  }

  @Override
  public SortedSet<String> ids() {
    return new TreeSet<>(java.util.List.of(provider.descriptor().id()));
  }
}
