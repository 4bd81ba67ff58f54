package dev.fulcrum.core.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulcrum.core.plugins.PluginStatus.State;
import dev.fulcrum.core.plugins.fixtures.AlphaProvider;
import dev.fulcrum.core.plugins.fixtures.BetaProvider;
import dev.fulcrum.core.plugins.fixtures.FixtureProvider;
import dev.fulcrum.core.plugins.fixtures.RecordingPlugin;
import dev.fulcrum.core.plugins.fixtures.ThrowingProvider;
import dev.fulcrum.spi.ClusterNetwork;
import dev.fulcrum.spi.ClusterRequest;
import dev.fulcrum.spi.InfrastructureProvider;
import dev.fulcrum.spi.NodePool;
import dev.fulcrum.spi.NodeRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginProviderRegistryTest {
  @TempDir Path plugins;

  @Test
  void loadsEveryPluginJarAndReportsItsProvider() {
    alpha().writeTo(plugins, "alpha.jar");
    beta().writeTo(plugins, "beta.jar");

    try (PluginProviderRegistry registry = PluginProviderRegistry.load(plugins)) {
      assertThat(registry.ids()).containsExactly("alpha", "beta");
      assertThat(registry.find("alpha")).isPresent();
      assertThat(registry.find("gamma")).isEmpty();
      assertThat(registry.statuses())
          .containsExactly(
              new PluginStatus(
                  "alpha.jar", "alpha", "1.2.3", ">=1.0.0 & <2.0.0", "alpha", "Fixture alpha",
                  "infrastructure.example.dev/v1beta2", List.of("FixtureCluster", "FixtureMachineTemplate"),
                  State.STARTED, null),
              new PluginStatus(
                  "beta.jar", "beta", "1.2.3", ">=1.0.0 & <2.0.0", "beta", "Fixture beta",
                  "infrastructure.example.dev/v1beta2", List.of("FixtureCluster", "FixtureMachineTemplate"),
                  State.STARTED, null));
    }
  }

  @Test
  void providersRunFromThePluginsOwnLoaderWithTheServersSpi() {
    alpha().writeTo(plugins, "alpha.jar");

    try (PluginProviderRegistry registry = PluginProviderRegistry.load(plugins)) {
      Map<String, Object> spec = registry.find("alpha").orElseThrow().infrastructureCluster(request()).spec();

      assertThat(spec)
          .containsEntry("loader", "SpiFirstClassLoader")
          .containsEntry("spiLoader", true)
          .containsEntry("contextLoaderIsOwn", true);
    }
  }

  @Test
  void aPluginBundlingItsOwnCopyOfTheSpiStillUsesTheServersSpi() {
    alpha().withClass(InfrastructureProvider.class).writeTo(plugins, "alpha-with-spi.jar");

    try (PluginProviderRegistry registry = PluginProviderRegistry.load(plugins)) {
      assertThat(registry.ids()).containsExactly("alpha");
      assertThat(registry.find("alpha").orElseThrow().infrastructureCluster(request()).spec())
          .containsEntry("spiLoader", true);
    }
  }

  @Test
  void anIncompatiblePluginIsReportedAndTheOthersKeepWorking() {
    alpha().writeTo(plugins, "alpha.jar");
    beta().manifest("Plugin-Requires", ">=2.0.0").writeTo(plugins, "beta.jar");

    try (PluginProviderRegistry registry = PluginProviderRegistry.load(plugins)) {
      assertThat(registry.ids()).containsExactly("alpha");
      PluginStatus beta = status(registry, "beta.jar");
      assertThat(beta.state()).isEqualTo(State.INCOMPATIBLE);
      assertThat(beta.pluginId()).isEqualTo("beta");
      assertThat(beta.message()).contains(">=2.0.0").contains("1.0.0");
    }
  }

  @Test
  void aCorruptJarIsReportedAndSkipped() throws IOException {
    Files.write(plugins.resolve("broken.jar"), new byte[] {1, 2, 3, 4, 5});
    alpha().writeTo(plugins, "alpha.jar");

    try (PluginProviderRegistry registry = PluginProviderRegistry.load(plugins)) {
      assertThat(registry.ids()).containsExactly("alpha");
      PluginStatus broken = status(registry, "broken.jar");
      assertThat(broken.state()).isEqualTo(State.FAILED);
      assertThat(broken.pluginId()).isNull();
      assertThat(broken.message()).startsWith("not a plugin jar: ");
    }
  }

  @Test
  void aJarWithoutPluginManifestIsReportedAndSkipped() {
    PluginJars.plugin("").writeTo(plugins, "library.jar");

    try (PluginProviderRegistry registry = PluginProviderRegistry.load(plugins)) {
      assertThat(registry.ids()).isEmpty();
      assertThat(status(registry, "library.jar").state()).isEqualTo(State.FAILED);
    }
  }

  @Test
  void aPluginWithoutProviderExtensionIsReported() {
    PluginJars.plugin("empty").withClass(AlphaProvider.class).writeTo(plugins, "empty.jar");

    try (PluginProviderRegistry registry = PluginProviderRegistry.load(plugins)) {
      PluginStatus empty = status(registry, "empty.jar");
      assertThat(empty.state()).isEqualTo(State.FAILED);
      assertThat(empty.message()).contains("no InfrastructureProvider extension");
    }
  }

  @Test
  void aProviderWhoseDescriptorThrowsIsReportedAndTheOthersKeepWorking() {
    PluginJars.plugin("throwing")
        .withClass(FixtureProvider.class)
        .withExtension(ThrowingProvider.class)
        .writeTo(plugins, "throwing.jar");
    beta().writeTo(plugins, "beta.jar");

    try (PluginProviderRegistry registry = PluginProviderRegistry.load(plugins)) {
      assertThat(registry.ids()).containsExactly("beta");
      PluginStatus throwing = status(registry, "throwing.jar");
      assertThat(throwing.state()).isEqualTo(State.FAILED);
      assertThat(throwing.message()).contains("ThrowingProvider.descriptor() failed").contains("descriptor exploded");
    }
  }

  @Test
  void aSecondPluginWithTheSameProviderIdIsReportedAsDuplicate() {
    alpha().writeTo(plugins, "a-alpha.jar");
    PluginJars.plugin("alpha-copy")
        .withClass(FixtureProvider.class)
        .withExtension(AlphaProvider.class)
        .writeTo(plugins, "b-alpha-copy.jar");

    try (PluginProviderRegistry registry = PluginProviderRegistry.load(plugins)) {
      assertThat(registry.ids()).containsExactly("alpha");
      PluginStatus copy = status(registry, "b-alpha-copy.jar");
      assertThat(copy.state()).isEqualTo(State.DUPLICATE);
      assertThat(copy.providerId()).isEqualTo("alpha");
      assertThat(copy.message()).contains("provider id 'alpha'").contains("plugin 'alpha' (a-alpha.jar)");
    }
  }

  @Test
  void aSecondJarWithTheSamePluginIdIsReportedAsDuplicate() {
    alpha().writeTo(plugins, "alpha-1.jar");
    alpha().writeTo(plugins, "alpha-2.jar");

    try (PluginProviderRegistry registry = PluginProviderRegistry.load(plugins)) {
      assertThat(registry.ids()).containsExactly("alpha");
      PluginStatus second = status(registry, "alpha-2.jar");
      assertThat(second.state()).isEqualTo(State.DUPLICATE);
      assertThat(second.message()).contains("plugin id 'alpha'").contains("alpha-1.jar");
    }
  }

  @Test
  void aPluginTurnedOffInDisabledTxtIsReportedAsDisabled() throws IOException {
    alpha().writeTo(plugins, "alpha.jar");
    Files.writeString(plugins.resolve("disabled.txt"), "alpha\n");

    try (PluginProviderRegistry registry = PluginProviderRegistry.load(plugins)) {
      assertThat(registry.ids()).isEmpty();
      assertThat(status(registry, "alpha.jar").state()).isEqualTo(State.DISABLED);
    }
  }

  @Test
  void aMissingDirectoryGivesNoProviders() {
    try (PluginProviderRegistry registry = PluginProviderRegistry.load(plugins.resolve("absent"))) {
      assertThat(registry.ids()).isEmpty();
      assertThat(registry.statuses()).isEmpty();
    }
  }

  @Test
  void aFailureInsideAProviderNamesTheProviderAndPlugin() {
    alpha().writeTo(plugins, "alpha.jar");

    try (PluginProviderRegistry registry = PluginProviderRegistry.load(plugins)) {
      InfrastructureProvider alpha = registry.find("alpha").orElseThrow();
      ClusterRequest request = request();

      assertThatThrownBy(() -> alpha.machineTemplate(request, request.controlPlane()))
          .isInstanceOf(ProviderFailureException.class)
          .hasMessageContaining("provider 'alpha'")
          .hasMessageContaining("plugin 'alpha' (alpha.jar)")
          .hasMessageContaining("machineTemplate")
          .hasMessageContaining("no machines here");
    }
  }

  @Test
  void closingStopsThePlugins() {
    alpha()
        .manifest("Plugin-Class", RecordingPlugin.class.getName())
        .withClass(RecordingPlugin.class)
        .writeTo(plugins, "alpha.jar");
    System.clearProperty(RecordingPlugin.STOPPED_PROPERTY);

    PluginProviderRegistry registry = PluginProviderRegistry.load(plugins);
    assertThat(System.getProperty(RecordingPlugin.STOPPED_PROPERTY)).isNull();
    registry.close();

    assertThat(System.getProperty(RecordingPlugin.STOPPED_PROPERTY)).isEqualTo("true");
  }

  private static PluginJars alpha() {
    return PluginJars.plugin("alpha").withClass(FixtureProvider.class).withExtension(AlphaProvider.class);
  }

  private static PluginJars beta() {
    return PluginJars.plugin("beta").withClass(FixtureProvider.class).withExtension(BetaProvider.class);
  }

  private static PluginStatus status(PluginProviderRegistry registry, String file) {
    return registry.statuses().stream().filter(s -> s.file().equals(file)).findFirst().orElseThrow();
  }

  private static ClusterRequest request() {
    return new ClusterRequest(
        "c", "p", "p--c", "alpha", "v1.33.4", Optional.empty(),
        new NodePool(NodePool.CONTROL_PLANE_NAME, NodeRole.CONTROL_PLANE, 1, null, "spec.controlPlane"),
        List.of(), new ClusterNetwork(List.of(), List.of(), null), List.of(), null);
  }
}
