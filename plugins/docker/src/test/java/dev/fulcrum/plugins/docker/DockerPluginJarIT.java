package dev.fulcrum.plugins.docker;

import dev.fulcrum.spi.InfrastructureProvider;
import dev.fulcrum.testkit.PluginJarConformance;

class DockerPluginJarIT extends PluginJarConformance {
  @Override
  protected String pluginId() {
    return "docker";
  }

  @Override
  protected Class<? extends InfrastructureProvider> providerClass() {
    return DockerProvider.class;
  }
}
