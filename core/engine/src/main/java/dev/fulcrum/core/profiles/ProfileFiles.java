package dev.fulcrum.core.profiles;

import com.marcnuri.helm.Helm;
import dev.fulcrum.core.request.BoundedYamlReader;
import dev.fulcrum.core.yaml.Mappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Profile documents on disk (the CLI's {@code -f}, the built-in {@code config/profiles}): a layer's
 * {@code chart.path}, a chart directory or packaged {@code .tgz} relative to the document, is packed
 * into {@code chart.archive}, which is what the server accepts and stores.
 */
public final class ProfileFiles {
  private static final BoundedYamlReader YAML = new BoundedYamlReader(ClusterProfile.KIND);

  private ProfileFiles() {}

  /**
   * @param file the profile document
   * @return the document as JSON, every {@code chart.path} packed into {@code chart.archive}
   * @throws IllegalArgumentException if a chart path does not exist or cannot be packed (naming the layer)
   * @throws dev.fulcrum.core.request.InvalidRequestException if the file is not one bounded YAML document
   */
  public static byte[] packed(Path file) {
    JsonNode document;
    try {
      document = YAML.read(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    JsonNode layers = document.path("spec").path("layers");
    for (int i = 0; i < layers.size(); i++) {
      JsonNode chart = layers.get(i).path("chart");
      if (chart.isObject() && chart.path("path").isString()) {
        Path chartPath = file.toAbsolutePath().getParent().resolve(chart.path("path").stringValue()).normalize();
        byte[] tgz = archive(chartPath, "spec.layers[" + i + "].chart.path");
        ((ObjectNode) chart).remove("path");
        ((ObjectNode) chart).put("archive", Base64.getEncoder().encodeToString(tgz));
      }
    }
    return Mappers.json().writeValueAsBytes(document);
  }

  private static byte[] archive(Path chart, String fieldPath) {
    try {
      if (Files.isRegularFile(chart)) {
        return Files.readAllBytes(chart);
      }
      if (!Files.isDirectory(chart)) {
        throw new IllegalArgumentException(fieldPath + ": no chart directory or .tgz at " + chart);
      }
      try (TempDirectory out = new TempDirectory("fulcrum-chart-")) {
        new Helm(chart).packageIt().withDestination(out.path()).call();
        try (Stream<Path> packed = Files.list(out.path())) {
          Path tgz = packed.filter(path -> path.toString().endsWith(".tgz")).findFirst().orElseThrow();
          return Files.readAllBytes(tgz);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the chart at " + chart, e);
    } catch (RuntimeException helmRefused) {
      if (helmRefused instanceof IllegalArgumentException) {
        throw helmRefused;
      }
      throw new IllegalArgumentException(
          fieldPath + ": Helm cannot package " + chart + ": " + helmRefused.getMessage());
    }
  }
}
