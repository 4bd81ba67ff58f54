package dev.fulcrum.core.plugins;

import dev.fulcrum.spi.SpiVersion;
import java.nio.file.Path;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

/**
 * PF4J configured for Fulcrum: plugin jars in one directory, always deployment mode (a
 * {@code pf4j.mode} system property cannot switch it), {@code Plugin-Requires} checked against the
 * SPI version, and plugin class loaders that take the SPI from the server.
 */
final class FulcrumPluginManager extends JarPluginManager {

  FulcrumPluginManager(Path pluginsDir) {
    super(pluginsDir);
    setSystemVersion(SpiVersion.CURRENT);
  }

  @Override
  public RuntimeMode getRuntimeMode() {
    return RuntimeMode.DEPLOYMENT;
  }

  @Override
  protected PluginLoader createPluginLoader() {
    return new JarPluginLoader(this) {
      @Override
      public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
        SpiFirstClassLoader loader =
            new SpiFirstClassLoader(pluginManager, descriptor, FulcrumPluginManager.class.getClassLoader());
        loader.addFile(pluginPath.toFile());
        return loader;
      }
    };
  }

  /**
   * Reads a jar's plugin descriptor (its manifest) without loading the plugin.
   *
   * @throws org.pf4j.PluginRuntimeException if the jar has no valid descriptor
   */
  PluginDescriptor readDescriptor(Path jar) {
    PluginDescriptor descriptor = getPluginDescriptorFinder().find(jar);
    validatePluginDescriptor(descriptor);
    return descriptor;
  }

  /** Whether the plugin's {@code Plugin-Requires} range admits this SPI version. */
  boolean isCompatible(PluginWrapper plugin) {
    return isPluginValid(plugin);
  }
}
