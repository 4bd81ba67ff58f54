package dev.fulcrum.core.server;

import dev.fulcrum.core.yaml.Mappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/** The API's OpenAPI 3.1 document ({@code openapi.yaml} beside this class), as YAML and as JSON. */
final class OpenApiDocument {
  private final String yaml;
  private final JsonNode json;

  private OpenApiDocument(String yaml) {
    this.yaml = yaml;
    this.json = Mappers.yaml().readTree(yaml);
  }

  static OpenApiDocument load() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream("openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("openapi.yaml is missing from the server jar");
      }
      return new OpenApiDocument(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read openapi.yaml", e);
    }
  }

  String yaml() {
    return yaml;
  }

  JsonNode json() {
    return json;
  }
}
