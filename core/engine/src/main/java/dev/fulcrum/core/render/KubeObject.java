package dev.fulcrum.core.render;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One complete Kubernetes object (apiVersion, kind, metadata, spec…) as an immutable JSON tree. The
 * tree is copied in and out, so a {@code KubeObject} never changes once built.
 */
public final class KubeObject {
  private final ObjectNode tree;

  private KubeObject(ObjectNode tree) {
    this.tree = tree;
  }

  /**
   * Wraps a copy of the tree.
   *
   * @throws IllegalArgumentException if {@code apiVersion}, {@code kind} or {@code metadata.name}
   *     is missing or not a non-empty string
   */
  public static KubeObject of(ObjectNode tree) {
    Objects.requireNonNull(tree, "tree");
    for (String pointer : new String[] {"/apiVersion", "/kind", "/metadata/name"}) {
      JsonNode value = tree.at(pointer);
      if (!value.isString() || value.stringValue().isEmpty()) {
        throw new IllegalArgumentException("a Kubernetes object needs a non-empty " + pointer);
      }
    }
    return new KubeObject(tree.deepCopy());
  }

  /** {@code apiVersion}, e.g. {@code cluster.x-k8s.io/v1beta2}. */
  public String apiVersion() {
    return tree.get("apiVersion").stringValue();
  }

  /** The API group of {@link #apiVersion()}; empty for the core group ({@code v1}). */
  public String apiGroup() {
    String apiVersion = apiVersion();
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** {@code kind}. */
  public String kind() {
    return tree.get("kind").stringValue();
  }

  /** {@code metadata.name}. */
  public String name() {
    return tree.at("/metadata/name").stringValue();
  }

  /** {@code metadata.namespace}; empty for a cluster-scoped object. */
  public String namespace() {
    JsonNode namespace = tree.at("/metadata/namespace");
    return namespace.isString() ? namespace.stringValue() : "";
  }

  /** {@code metadata.labels}, sorted by key. */
  public Map<String, String> labels() {
    Map<String, String> labels = new TreeMap<>();
    tree.at("/metadata/labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
    return labels;
  }

  /** A copy of the whole object; also what Jackson writes for a {@code KubeObject}. */
  @JsonValue
  public ObjectNode toTree() {
    return tree.deepCopy();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KubeObject that && tree.equals(that.tree);
  }

  @Override
  public int hashCode() {
    return tree.hashCode();
  }

  /** {@code Kind namespace/name}, for messages. */
  @Override
  public String toString() {
    String namespace = namespace();
    return kind() + " " + (namespace.isEmpty() ? "" : namespace + "/") + name();
  }
}
