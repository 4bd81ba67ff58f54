package dev.fulcrum.agent;

import dev.fulcrum.core.kube.KubeTrees;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import tools.jackson.databind.JsonNode;

/**
 * Watches the cluster's Machines: every change asks for a reconcile (a scale step or rollout may have advanced), and
 * a Machine deleted while its MachineHealthCheck found it unhealthy is recorded as a remediation.
 */
final class MachineWatcher implements AutoCloseable {

  private static final long RESYNC_MILLIS = 0;

  private final SharedIndexInformer<GenericKubernetesResource> informer;

  private MachineWatcher(SharedIndexInformer<GenericKubernetesResource> informer) {
    this.informer = informer;
  }

  static MachineWatcher start(OwnCluster cluster, String namespace, EventJournal journal, Runnable onChange) {
    SharedIndexInformer<GenericKubernetesResource> informer = cluster.resources(CapiKinds.CORE_API,
        CapiKinds.MACHINE).inNamespace(namespace).inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(GenericKubernetesResource machine) {
            onChange.run();
          }

          @Override
          public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
            onChange.run();
          }

          @Override
          public void onDelete(GenericKubernetesResource machine, boolean finalStateUnknown) {
            JsonNode last = KubeTrees.tree(machine);
            if ("False".equals(CapiKinds.condition(last, "HealthCheckSucceeded"))) {
              journal.record("MachineRemediated", "Machine " + CapiKinds.name(last) + role(last)
                  + " was replaced: its health check failed" + reason(last));
            }
            onChange.run();
          }
        }, RESYNC_MILLIS);
    return new MachineWatcher(informer);
  }

  private static String role(JsonNode machine) {
    JsonNode labels = machine.at("/metadata/labels");
    if (labels.has("cluster.x-k8s.io/control-plane")) {
      return " (control plane)";
    }
    String pool = labels.path(CapiKinds.POOL_LABEL).asString("");
    return pool.isEmpty() ? "" : " (pool " + pool + ")";
  }

  private static String reason(JsonNode machine) {
    for (JsonNode condition : machine.at("/status/conditions")) {
      if ("HealthCheckSucceeded".equals(condition.path("type").asString(""))) {
        String message = condition.path("message").asString(condition.path("reason").asString(""));
        return message.isEmpty() ? "" : " (" + message + ")";
      }
    }
    return "";
  }

  @Override
  public void close() {
    informer.close();
  }
}
