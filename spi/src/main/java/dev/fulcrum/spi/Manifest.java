package dev.fulcrum.spi;

import java.util.Map;
import java.util.Objects;

/**
 * One Kubernetes object a provider renders, e.g. a {@code VSphereCluster} or an
 * {@code AWSMachineTemplate}.
 *
 * <p>The core owns naming, namespaces and the Cluster API labels: it sets {@code metadata.name}
 * (machine templates get a content-derived name, because they are immutable upstream), puts the
 * object in the cluster's namespace and adds {@code cluster.x-k8s.io/cluster-name}. A provider
 * supplies only the kind and body, plus any labels or annotations of its own.
 *
 * @param apiVersion the object's {@code apiVersion}, e.g. {@code infrastructure.cluster.x-k8s.io/v1beta2}
 * @param kind the object's kind
 * @param labels extra labels
 * @param annotations extra annotations
 * @param spec the object's {@code spec}, a JSON-like tree
 */
public record Manifest(
    String apiVersion,
    String kind,
    Map<String, String> labels,
    Map<String, String> annotations,
    Map<String, Object> spec) {

  public Manifest {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    spec = Trees.copyMap(spec);
  }

  /** An object with a body and no extra labels or annotations. */
  public static Manifest of(String apiVersion, String kind, Map<String, ?> spec) {
    return new Manifest(apiVersion, kind, Map.of(), Map.of(), Trees.copyMap(spec));
  }
}
