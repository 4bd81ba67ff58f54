package dev.fulcrum.core.kube;

import dev.fulcrum.core.yaml.Mappers;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/** Namespace objects, for server-side apply. */
public final class Namespaces {
  private Namespaces() {}

  /** A Namespace with the given labels. */
  public static ObjectNode namespace(String name, Map<String, String> labels) {
    ObjectNode namespace = Mappers.json().createObjectNode();
    namespace.put("apiVersion", "v1");
    namespace.put("kind", "Namespace");
    ObjectNode metadata = namespace.putObject("metadata");
    metadata.put("name", name);
    new TreeMap<>(labels).forEach(metadata.putObject("labels")::put);
    return namespace;
  }
}
