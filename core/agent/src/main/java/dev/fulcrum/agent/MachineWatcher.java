package dev.fulcrum.agent;

import dev.fulcrum.core.kube.KubeTrees;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Watches the cluster's Machines, its control plane and its MachineDeployments: every change asks for a reconcile (a
 * scale step or rollout may have advanced; the control plane's and pools' status follow their Machines' a moment
 * later), and a Machine deleted while its MachineHealthCheck found it unhealthy is recorded as a remediation.
 */
final class MachineWatcher implements AutoCloseable {

  private static final long RESYNC_MILLIS = 0;
  private static final String CONTROL_PLANE_API = "controlplane.cluster.x-k8s.io/v1beta2";

  private final List<SharedIndexInformer<GenericKubernetesResource>> informers;

  private MachineWatcher(List<SharedIndexInformer<GenericKubernetesResource>> informers) {
    this.informers = informers;
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
    List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>(List.of(informer));
    try {
      informers.add(onAnyChange(cluster.resources(CONTROL_PLANE_API, CapiKinds.KUBEADM_CONTROL_PLANE), namespace, onChange));
      informers.add(onAnyChange(cluster.resources(CapiKinds.CORE_API, CapiKinds.MACHINE_DEPLOYMENT), namespace, onChange));
    } catch (RuntimeException e) {
      informers.forEach(SharedIndexInformer::close);
      throw e;
    }
    return new MachineWatcher(informers);
  }

  private static SharedIndexInformer<GenericKubernetesResource> onAnyChange(
      MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> kind,
      String namespace, Runnable onChange) {
    return kind.inNamespace(namespace).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(GenericKubernetesResource object) {
        onChange.run();
      }

      @Override
      public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
        onChange.run();
      }

      @Override
      public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
        onChange.run();
      }
    }, RESYNC_MILLIS);
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
    informers.forEach(SharedIndexInformer::close);
  }
}
