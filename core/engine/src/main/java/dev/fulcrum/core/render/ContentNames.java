package dev.fulcrum.core.render;

import dev.fulcrum.core.yaml.CanonicalJson;
import dev.fulcrum.core.yaml.Mappers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Content-derived names for immutable templates. Cluster API forbids editing a machine or bootstrap
 * template in place; a changed template must be a new object that the owner is pointed at. Naming a
 * template after its content gives exactly that: the same content keeps its name, any change gets a
 * new one.
 */
final class ContentNames {
  /** Hex characters of the digest kept in a name: 40 bits, ample for the few templates of a cluster. */
  static final int HASH_LENGTH = 10;

  private ContentNames() {}

  /**
   * {@code <prefix>-<hash>}, the hash being the first {@value #HASH_LENGTH} hex characters of the
   * SHA-256 of the canonical (sorted-keys) JSON of {@code {apiVersion, kind, spec}}.
   */
  static String name(String prefix, String apiVersion, String kind, JsonNode spec) {
    ObjectNode content = Mappers.json().createObjectNode();
    content.put("apiVersion", apiVersion);
    content.put("kind", kind);
    content.set("spec", spec);
    return prefix + "-" + CanonicalJson.sha256Hex(content).substring(0, HASH_LENGTH);
  }
}
