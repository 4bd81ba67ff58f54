package dev.fulcrum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.core.yaml.Mappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class MainTest {
  @TempDir Path dir;

  @Test
  void withoutACommandItShowsTheUsageAndExitsWith2() {
    CliRun run = CliRun.of();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required subcommand").contains("render").contains("plugins");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void renderNeedsAFile() {
    CliRun run = CliRun.of("render");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--file");
  }

  @Test
  void renderRefusesAnUnknownStage() throws IOException {
    Path request = Files.writeString(dir.resolve("c.yaml"), "kind: WorkloadCluster\n");

    CliRun run = CliRun.of("render", "-f", request.toString(), "--stage", "final");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--stage").contains("final");
  }

  @Test
  void renderReportsAnUnreadableFileClearly() {
    CliRun run = CliRun.of("render", "-f", dir.resolve("absent.yaml").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("fulcrum render: cannot read " + dir.resolve("absent.yaml") + ": no such file\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void pluginsListOfAnEmptyDirectoryShowsOnlyTheHeader() {
    CliRun run = CliRun.of("--plugins-dir", dir.toString(), "plugins", "list");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("PLUGIN").contains("STATE").contains("MESSAGE").hasLineCount(1);
  }

  @Test
  void thePluginsDirectoryIsAcceptedBeforeOrAfterTheCommand() throws IOException {
    Files.write(dir.resolve("broken.jar"), new byte[] {1, 2, 3});

    CliRun before = CliRun.of("--plugins-dir", dir.toString(), "plugins", "list");
    CliRun after = CliRun.of("plugins", "list", "--plugins-dir", dir.toString());

    assertThat(before.exitCode()).isZero();
    assertThat(before.out()).contains("broken.jar").contains("FAILED");
    assertThat(after.out()).isEqualTo(before.out());
  }

  @Test
  void pluginsListPrintsJsonAndYaml() throws IOException {
    Files.write(dir.resolve("broken.jar"), new byte[] {1, 2, 3});

    JsonNode json = Mappers.json().readTree(CliRun.of("plugins", "list", "-o", "json", "--plugins-dir", dir.toString()).out());
    JsonNode yaml = Mappers.yaml().readTree(CliRun.of("plugins", "list", "-o", "YAML", "--plugins-dir", dir.toString()).out());

    assertThat(json.size()).isEqualTo(1);
    assertThat(json.at("/0/file").stringValue()).isEqualTo("broken.jar");
    assertThat(json.at("/0/state").stringValue()).isEqualTo("FAILED");
    assertThat(json.at("/0/message").stringValue()).startsWith("not a plugin jar");
    assertThat(json.at("/0/pluginId").isMissingNode()).isTrue();
    assertThat(yaml).isEqualTo(json);
  }
}
