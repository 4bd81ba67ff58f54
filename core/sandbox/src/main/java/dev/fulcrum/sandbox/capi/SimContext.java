package dev.fulcrum.sandbox.capi;

import java.util.Optional;

/** What every simulated controller shares: the managed API, its informers, the providers, the workload clusters. */
final class SimContext {

  final KubeApi api;
  final Informers informers;
  final InfraProviders infra;
  final WorkloadClusters workloads;
  final Delays delays;
  final FailureInjection failures;
  final DelayGate gate;

  SimContext(KubeApi api, Informers informers, InfraProviders infra, WorkloadClusters workloads, Delays delays,
      FailureInjection failures, DelayGate gate) {
    this.api = api;
    this.informers = informers;
    this.infra = infra;
    this.workloads = workloads;
    this.delays = delays;
    this.failures = failures;
    this.gate = gate;
  }

  Optional<ApiObject> cluster(String namespace, String name) {
    return name == null ? Optional.empty() : api.get(Capi.CLUSTER, namespace, name);
  }

  /**
   * Whether an object is paused: its Cluster has {@code spec.paused} or the paused annotation, or the object itself
   * carries the annotation. Paused objects are not reconciled (only their {@code Paused} condition is kept).
   */
  static boolean paused(ApiObject cluster, ApiObject object) {
    return cluster.flag("/spec/paused") || cluster.annotations().containsKey(Capi.PAUSED_ANNOTATION)
        || object.annotations().containsKey(Capi.PAUSED_ANNOTATION);
  }

  /**
   * Whether an object is being deleted by clusterctl move: it lives on in another API, so nothing it stands for
   * (nodes, infrastructure, the workload cluster's API) may be torn down.
   */
  static boolean movedAway(ApiObject object) {
    return object.annotations().containsKey(Capi.DELETE_FOR_MOVE_ANNOTATION);
  }

  /** Writes the object's status when it differs from what was read; returns the object as stored. */
  ApiObject writeStatus(ResourceKind kind, ApiObject read, ApiObject updated) {
    if (Trees.same(read.json().path("status"), updated.json().path("status"))) {
      return read;
    }
    return api.updateStatus(kind, updated);
  }

  /** Writes spec and metadata when they differ from what was read; returns the object as stored. */
  ApiObject writeObject(ResourceKind kind, ApiObject read, ApiObject updated) {
    if (Trees.same(read.json().path("spec"), updated.json().path("spec"))
        && Trees.same(read.json().path("metadata"), updated.json().path("metadata"))) {
      return read;
    }
    return api.update(kind, updated);
  }
}
