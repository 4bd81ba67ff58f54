package dev.fulcrum.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.spi.InfrastructureProvider;
import dev.fulcrum.spi.SpiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DefaultVersionManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

/**
 * Checks a provider plugin's built jar, as the server will load it. Runs after {@code package}:
 * the build passes the jar's location in the system property {@value #JAR_PROPERTY} (see
 * {@code plugins/pom.xml}, execution {@code plugin-jar}).
 */
public abstract class PluginJarConformance {
  /** The system property holding the path of the plugin jar under test. */
  public static final String JAR_PROPERTY = "fulcrum.plugin.jar";

  /** The plugin id the jar must declare, which is also the provider's id. */
  protected abstract String pluginId();

  /** The extension class the jar must index. */
  protected abstract Class<? extends InfrastructureProvider> providerClass();

  private static Path jar() {
    String location = System.getProperty(JAR_PROPERTY);
    assertThat(location).as("system property %s (set by the build's plugin-jar execution)", JAR_PROPERTY).isNotNull();
    Path jar = Path.of(location);
    assertThat(jar).as("the packaged plugin").isRegularFile();
    return jar;
  }

  @Test
  void manifestDeclaresTheCompatiblePlugin() throws IOException {
    try (JarFile jar = new JarFile(jar().toFile())) {
      Attributes attributes = jar.getManifest().getMainAttributes();
      assertThat(attributes.getValue("Plugin-Id")).isEqualTo(pluginId());
      assertThat(attributes.getValue("Plugin-Version")).isNotBlank();
      String requires = attributes.getValue("Plugin-Requires");
      assertThat(requires).isNotBlank();
      assertThat(new DefaultVersionManager().checkVersionConstraint(SpiVersion.CURRENT, requires))
          .as("SPI %s satisfies Plugin-Requires '%s'", SpiVersion.CURRENT, requires)
          .isTrue();
    }
  }

  @Test
  void extensionIndexListsTheProvider() throws IOException {
    try (JarFile jar = new JarFile(jar().toFile())) {
      ZipEntry index = jar.getEntry("META-INF/extensions.idx");
      assertThat(index).as("META-INF/extensions.idx").isNotNull();
      try (InputStream in = jar.getInputStream(index)) {
        List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).contains(providerClass().getName());
      }
    }
  }

  @Test
  void jarBundlesNeitherTheSpiNorPf4j() throws IOException {
    try (JarFile jar = new JarFile(jar().toFile())) {
      assertThat(jar.stream().map(ZipEntry::getName))
          .as("the server provides these classes; a bundled copy would break class identity")
          .noneMatch(name -> name.startsWith("dev/fulcrum/spi/") || name.startsWith("org/pf4j/"));
    }
  }

  @Test
  void pf4jLoadsTheProviderFromTheJar(@TempDir Path pluginsDir) throws IOException {
    Files.copy(jar(), pluginsDir.resolve(jar().getFileName()));
    PluginManager plugins = new DefaultPluginManager(pluginsDir);
    plugins.setSystemVersion(SpiVersion.CURRENT);
    try {
      plugins.loadPlugins();
      plugins.startPlugins();
      assertThat(plugins.getPlugin(pluginId())).as("plugin %s", pluginId()).isNotNull();
      assertThat(plugins.getPlugin(pluginId()).getPluginState()).isEqualTo(PluginState.STARTED);

      List<InfrastructureProvider> providers = plugins.getExtensions(InfrastructureProvider.class, pluginId());
      assertThat(providers).singleElement().satisfies(provider -> {
        assertThat(provider.descriptor().id()).isEqualTo(pluginId());
        assertThat(provider.getClass().getName()).isEqualTo(providerClass().getName());
        assertThat(provider.getClass().getClassLoader())
            .as("loaded from the jar by the plugin's own class loader")
            .isSameAs(plugins.getPluginClassLoader(pluginId()));
      });
    } finally {
      plugins.stopPlugins();
      plugins.unloadPlugins();
    }
  }
}
