package dev.fulcrum.core.steps;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * The fence between the management plane and a pivoted cluster: an annotation on the cluster's namespace in the
 * management cluster, set <em>before</em> its objects start to move and removed only once they are back. While it is
 * set, the management plane never applies Cluster API objects for that cluster again, so two sets of controllers
 * never act on one cluster (DESIGN.md §6, P6), whatever moment a crash comes at.
 */
public final class PivotMarks {
  static final String ANNOTATION = "fulcrum.dev/pivoted";

  private final KubernetesClient client;

  public PivotMarks(KubernetesClient client) {
    this.client = client;
  }

  /** Whether the cluster whose objects live in {@code namespace} manages itself (or is moving to). */
  public boolean isPivoted(String namespace) {
    Namespace found = client.namespaces().withName(namespace).get();
    return found != null
        && found.getMetadata().getAnnotations() != null
        && "true".equals(found.getMetadata().getAnnotations().get(ANNOTATION));
  }

  void mark(String namespace) {
    annotate(namespace, "\"true\"");
  }

  /** The objects are back in the management cluster. */
  public void unmark(String namespace) {
    if (client.namespaces().withName(namespace).get() != null) {
      annotate(namespace, "null");
    }
  }

  private void annotate(String namespace, String value) {
    client
        .namespaces()
        .withName(namespace)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"" + ANNOTATION + "\":" + value + "}}}");
  }
}
