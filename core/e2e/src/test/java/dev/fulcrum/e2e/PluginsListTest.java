package dev.fulcrum.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.core.yaml.Mappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code fulcrum plugins list} with the real plugins, and with broken ones beside them. */
class PluginsListTest {
  private static final List<String> PROVIDERS = List.of("aws", "azure", "docker", "vsphere");

  @TempDir Path dir;

  @Test
  void theFourBuiltPluginsAreStarted() {
    Fulcrum.Run run = Fulcrum.run("plugins", "list", "--plugins-dir", Fulcrum.PLUGINS.toString());

    assertThat(run.exitCode()).isZero();
    List<String> rows = run.out().lines().toList();
    assertThat(rows.get(0)).startsWith("PLUGIN").contains("VERSION", "PROVIDER", "KINDS", "STATE", "MESSAGE");
    assertThat(rows).hasSize(5);
    for (String provider : PROVIDERS) {
      assertThat(rows).anyMatch(row -> row.matches(".*\\b" + provider + "\\b.*\\bSTARTED\\b.*"));
    }
    assertThat(statuses(Fulcrum.PLUGINS))
        .extracting(status -> status.get("providerId").stringValue() + "=" + status.get("state").stringValue())
        .containsExactlyInAnyOrder("aws=STARTED", "azure=STARTED", "docker=STARTED", "vsphere=STARTED");
  }

  @Test
  void anIncompatiblePluginIsListedWhileTheFourKeepWorking() throws IOException {
    Path plugins = PluginJarCopies.copyOfBuiltPlugins(dir);
    PluginJarCopies.withManifest(
        PluginJarCopies.builtJar("docker"),
        plugins.resolve("future-docker.jar"),
        Map.of("Plugin-Id", "future-docker", "Plugin-Requires", ">=2.0.0"));

    JsonNode future = byFile(statuses(plugins), "future-docker.jar");
    assertThat(future.get("state").stringValue()).isEqualTo("INCOMPATIBLE");
    assertThat(future.get("pluginId").stringValue()).isEqualTo("future-docker");
    assertThat(future.get("message").stringValue()).contains(">=2.0.0").contains("1.0.0");
    assertTheFourStillWork(plugins);
  }

  @Test
  void aCorruptJarAndADuplicateProviderAreReportedAndSkipped() throws IOException {
    Path plugins = PluginJarCopies.copyOfBuiltPlugins(dir);
    Files.write(plugins.resolve("corrupt.jar"), "not a jar".getBytes());
    PluginJarCopies.withManifest(
        PluginJarCopies.builtJar("vsphere"), plugins.resolve("vsphere-fork.jar"), Map.of("Plugin-Id", "vsphere-fork"));

    List<JsonNode> statuses = statuses(plugins);
    JsonNode corrupt = byFile(statuses, "corrupt.jar");
    assertThat(corrupt.get("state").stringValue()).isEqualTo("FAILED");
    assertThat(corrupt.get("message").stringValue()).isNotBlank();
    JsonNode fork = byFile(statuses, "vsphere-fork.jar");
    assertThat(fork.get("state").stringValue()).isEqualTo("DUPLICATE");
    assertThat(fork.get("message").stringValue()).contains("provider id 'vsphere'");
    assertTheFourStillWork(plugins);
  }

  private static void assertTheFourStillWork(Path plugins) {
    assertThat(statuses(plugins))
        .filteredOn(status -> status.get("state").stringValue().equals("STARTED"))
        .extracting(status -> status.get("providerId").stringValue())
        .containsExactlyInAnyOrderElementsOf(PROVIDERS);
    for (String provider : PROVIDERS) {
      Fulcrum.Run render =
          Fulcrum.run("render", "-f", Fulcrum.example(provider + ".yaml").toString(), "--plugins-dir", plugins.toString());
      assertThat(render.exitCode()).as(provider + ": " + render.err()).isZero();
      assertThat(render.documents()).isNotEmpty();
    }
  }

  private static List<JsonNode> statuses(Path plugins) {
    Fulcrum.Run run = Fulcrum.run("plugins", "list", "-o", "json", "--plugins-dir", plugins.toString());
    assertThat(run.exitCode()).isZero();
    JsonNode list = Mappers.json().readTree(run.out());
    return java.util.stream.StreamSupport.stream(list.spliterator(), false).toList();
  }

  private static JsonNode byFile(List<JsonNode> statuses, String file) {
    return statuses.stream().filter(s -> s.get("file").stringValue().equals(file)).findFirst().orElseThrow();
  }
}
