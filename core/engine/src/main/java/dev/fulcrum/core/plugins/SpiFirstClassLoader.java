package dev.fulcrum.core.plugins;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin's class loader (PF4J's plugin-first order) with two server-side rules:
 *
 * <ul>
 *   <li>the provider SPI always comes from the server: a plugin that bundles its own copy would
 *       otherwise define a second {@code InfrastructureProvider} type, and its extension would
 *       silently not count as one;
 *   <li>a plugin's extension indexes ({@code META-INF/extensions.idx}, {@code META-INF/services})
 *       are read from its own jar only: falling through to the server's class path would make a
 *       plugin without an index adopt whatever extensions the server's libraries list.
 * </ul>
 */
final class SpiFirstClassLoader extends PluginClassLoader {
  private static final String SPI_PACKAGE_PREFIX = "dev.fulcrum.spi.";

  SpiFirstClassLoader(PluginManager pluginManager, PluginDescriptor descriptor, ClassLoader server) {
    super(pluginManager, descriptor, server);
  }

  @Override
  public Class<?> loadClass(String className) throws ClassNotFoundException {
    if (className.startsWith(SPI_PACKAGE_PREFIX)) {
      return getParent().loadClass(className);
    }
    return super.loadClass(className);
  }

  @Override
  public URL getResource(String name) {
    return isExtensionIndex(name) ? findResource(name) : super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return isExtensionIndex(name) ? findResources(name) : super.getResources(name);
  }

  private static boolean isExtensionIndex(String name) {
    return name.equals("META-INF/extensions.idx") || name.startsWith("META-INF/services");
  }
}
