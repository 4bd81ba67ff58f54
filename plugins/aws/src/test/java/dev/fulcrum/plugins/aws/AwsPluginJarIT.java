package dev.fulcrum.plugins.aws;

import dev.fulcrum.spi.InfrastructureProvider;
import dev.fulcrum.testkit.PluginJarConformance;

class AwsPluginJarIT extends PluginJarConformance {
  @Override
  protected String pluginId() {
    return "aws";
  }

  @Override
  protected Class<? extends InfrastructureProvider> providerClass() {
    return AwsProvider.class;
  }
}
