package dev.fulcrum.plugins.vsphere;

import dev.fulcrum.spi.InfrastructureProvider;
import dev.fulcrum.testkit.PluginJarConformance;

class VSpherePluginJarIT extends PluginJarConformance {
  @Override
  protected String pluginId() {
    return "vsphere";
  }

  @Override
  protected Class<? extends InfrastructureProvider> providerClass() {
    return VSphereProvider.class;
  }
}
