package dev.fulcrum.core.steps;

import dev.fulcrum.core.cluster.ClusterRef;
import dev.fulcrum.core.cluster.ClusterStatus;
import dev.fulcrum.core.cluster.WorkloadClusters;
import dev.fulcrum.spi.ClusterRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * One WorkloadCluster as the steps see it during one reconcile: the stored object and, once
 * {@link Accept} has validated it, the request it describes.
 */
public final class WorkloadClusterState {
  private final ObjectNode resource;
  private ClusterRequest request;

  /** @param resource the WorkloadCluster as stored in the management cluster */
  public WorkloadClusterState(ObjectNode resource) {
    this.resource = resource.deepCopy();
  }

  public ClusterRef ref() {
    return ClusterRef.of(resource);
  }

  /** The WorkloadCluster as stored (a copy). */
  public ObjectNode stored() {
    return resource.deepCopy();
  }

  /** {@code metadata.uid}. */
  public String uid() {
    return resource.at("/metadata/uid").asString("");
  }

  /** {@code metadata.generation}: bumped by the API server on every spec change. */
  public long generation() {
    return resource.at("/metadata/generation").asLong(0);
  }

  /** The status as stored, before this reconcile. */
  public ClusterStatus status() {
    return ClusterStatus.of(resource);
  }

  /**
   * The request the object holds, as a request document: apiVersion, kind, the metadata a request
   * may carry (name, namespace, labels, annotations) and the spec.
   */
  public ObjectNode requestDocument() {
    return WorkloadClusters.requestDocument(resource);
  }

  /** Whether {@link Accept} found the request valid in this reconcile. */
  public boolean isAccepted() {
    return request != null;
  }

  /**
   * The validated request.
   *
   * @throws IllegalStateException if {@link Accept} has not accepted it in this reconcile
   */
  public ClusterRequest request() {
    if (request == null) {
      throw new IllegalStateException("cluster " + ref() + " has not been accepted in this reconcile");
    }
    return request;
  }

  void accepted(ClusterRequest validated) {
    this.request = validated;
  }
}
