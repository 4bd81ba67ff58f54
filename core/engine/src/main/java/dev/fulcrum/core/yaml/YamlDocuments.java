package dev.fulcrum.core.yaml;

import java.io.StringWriter;
import java.util.List;
import tools.jackson.databind.SequenceWriter;

/**
 * Writes values as one multi-document YAML stream, each document introduced by {@code ---}, in the
 * deterministic style of {@link Mappers#yaml()}: the same values always give the same bytes.
 */
public final class YamlDocuments {
  private YamlDocuments() {}

  /**
   * Writes the values in order, one document each.
   *
   * @param documents JSON trees or any value Jackson serialises
   * @return the YAML stream; empty for no documents
   */
  public static String writeAll(List<?> documents) {
    if (documents.isEmpty()) {
      return ""; // the YAML emitter cannot close a stream it never opened a document in
    }
    StringWriter out = new StringWriter();
    try (SequenceWriter writer = Mappers.yaml().writer().writeValues(out)) {
      for (Object document : documents) {
        writer.write(document);
      }
    }
    return out.toString();
  }

  /** Writes one value as a single YAML document. */
  public static String write(Object document) {
    return writeAll(List.of(document));
  }
}
