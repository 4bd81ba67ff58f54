package dev.fulcrum.e2e;

import dev.fulcrum.cli.Main;
import dev.fulcrum.core.yaml.Mappers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/** Runs the {@code fulcrum} CLI in-process, as {@code bin/fulcrum} would, and captures its output. */
final class Fulcrum {
  /** The four plugin jars the build copied (see the module's pom). */
  static final Path PLUGINS = directory("fulcrum.plugins.dir");

  /** The repository's example requests. */
  static final Path EXAMPLES = directory("fulcrum.examples.dir");

  /** The repository's built-in cluster profiles. */
  static final Path PROFILES = directory("fulcrum.profiles.dir");

  private Fulcrum() {}

  /** The outcome of one run. */
  record Run(int exitCode, String out, String err) {
    /** stdout as YAML documents. */
    List<JsonNode> documents() {
      List<JsonNode> documents = new ArrayList<>();
      Mappers.yaml().readValues(Mappers.yaml().createParser(out), JsonNode.class).forEachRemaining(documents::add);
      return documents;
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  static Path example(String name) {
    return EXAMPLES.resolve(name);
  }

  private static Path directory(String property) {
    String value = System.getProperty(property);
    if (value == null || !Files.isDirectory(Path.of(value))) {
      throw new IllegalStateException("system property " + property + " must name a directory (set by the pom): " + value);
    }
    return Path.of(value);
  }
}
