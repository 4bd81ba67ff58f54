package dev.fulcrum.sandbox.kubelet;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** A workload the kubelet reconciles: its kind ({@code Deployment}, {@code StatefulSet}, {@code DaemonSet}) and name. */
record WorkloadKey(String kind, String namespace, String name) {

  static WorkloadKey of(String kind, HasMetadata workload) {
    return new WorkloadKey(kind, workload.getMetadata().getNamespace(),
        workload.getMetadata().getName());
  }

  @Override
  public String toString() {
    return kind + " " + namespace + "/" + name;
  }
}
