package dev.fulcrum.plugins.azure;

import dev.fulcrum.spi.InfrastructureProvider;
import dev.fulcrum.testkit.PluginJarConformance;

class AzurePluginJarIT extends PluginJarConformance {
  @Override
  protected String pluginId() {
    return "azure";
  }

  @Override
  protected Class<? extends InfrastructureProvider> providerClass() {
    return AzureProvider.class;
  }
}
