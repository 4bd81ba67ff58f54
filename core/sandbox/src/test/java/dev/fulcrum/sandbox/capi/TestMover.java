package dev.fulcrum.sandbox.capi;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * clusterctl move as its documented call pattern does it (capi-contracts §5.3), in test code: pause the source
 * Cluster, create every object of the namespace in the target owners first, without status and with owner
 * references rewritten to the target's UIDs, delete the source objects in reverse order (delete-for-move
 * annotation, delete, finalizers cleared), then unpause the target.
 */
final class TestMover {

  /** The kinds a move of the Dev provider's cluster carries, as apiVersion and kind. */
  private static final List<String[]> KINDS = List.of(
      new String[] {"cluster.x-k8s.io/v1beta2", "Cluster"},
      new String[] {"cluster.x-k8s.io/v1beta2", "MachineDeployment"},
      new String[] {"cluster.x-k8s.io/v1beta2", "MachineSet"},
      new String[] {"cluster.x-k8s.io/v1beta2", "Machine"},
      new String[] {"cluster.x-k8s.io/v1beta2", "MachineHealthCheck"},
      new String[] {"controlplane.cluster.x-k8s.io/v1beta2", "KubeadmControlPlane"},
      new String[] {"bootstrap.cluster.x-k8s.io/v1beta2", "KubeadmConfig"},
      new String[] {"bootstrap.cluster.x-k8s.io/v1beta2", "KubeadmConfigTemplate"},
      new String[] {"infrastructure.cluster.x-k8s.io/v1beta2", "DevCluster"},
      new String[] {"infrastructure.cluster.x-k8s.io/v1beta2", "DevMachine"},
      new String[] {"infrastructure.cluster.x-k8s.io/v1beta2", "DevMachineTemplate"},
      new String[] {"v1", "Secret"});

  private TestMover() {}

  /** Moves namespace {@code ns} with its Cluster {@code clusterName} from {@code source} to {@code target}. */
  static void move(KubernetesClient source, KubernetesClient target, String ns, String clusterName) {
    SimulatorFixture.mergePatch(source, SimulatorFixture.CLUSTER_API, "Cluster", ns, clusterName,
        "{\"spec\":{\"paused\":true}}");
    List<GenericKubernetesResource> ordered = ownersFirst(discover(source, ns));
    if (target.namespaces().withName(ns).get() == null) {
      target.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
    }
    Map<String, String> newUids = new HashMap<>();
    for (GenericKubernetesResource object : ordered) {
      GenericKubernetesResource copy = target.getKubernetesSerialization().clone(object);
      copy.getAdditionalProperties().remove("status");
      copy.getMetadata().setResourceVersion(null);
      copy.getMetadata().setUid(null);
      copy.getMetadata().setCreationTimestamp(null);
      copy.getMetadata().setGeneration(null);
      copy.getMetadata().setManagedFields(null);
      List<OwnerReference> owners = new ArrayList<>();
      for (OwnerReference owner : copy.getMetadata().getOwnerReferences()) {
        if (newUids.containsKey(owner.getUid())) {
          owner.setUid(newUids.get(owner.getUid()));
          owners.add(owner);
        }
      }
      copy.getMetadata().setOwnerReferences(owners);
      GenericKubernetesResource created = SimulatorFixture.resources(target, copy.getApiVersion(), copy.getKind())
          .inNamespace(ns).resource(copy).create();
      newUids.put(object.getMetadata().getUid(), created.getMetadata().getUid());
    }
    for (int i = ordered.size() - 1; i >= 0; i--) {
      GenericKubernetesResource object = ordered.get(i);
      var resource = SimulatorFixture.resources(source, object.getApiVersion(), object.getKind()).inNamespace(ns)
          .withName(object.getMetadata().getName());
      try {
        resource.patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"clusterctl.cluster.x-k8s.io/delete-for-move\":\"\"}}}");
        resource.delete();
        resource.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":[]}}");
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          throw e;
        }
      }
    }
    SimulatorFixture.mergePatch(target, SimulatorFixture.CLUSTER_API, "Cluster", ns, clusterName,
        "{\"spec\":{\"paused\":null}}");
  }

  private static List<GenericKubernetesResource> discover(KubernetesClient source, String ns) {
    List<GenericKubernetesResource> objects = new ArrayList<>();
    for (String[] kind : KINDS) {
      objects.addAll(SimulatorFixture.list(source, kind[0], kind[1], ns, Map.of()));
    }
    // The soft-owned and owned Secrets of the cluster; other Secrets (service accounts, ...) stay.
    objects.removeIf(o -> "Secret".equals(o.getKind()) && !"cluster.x-k8s.io/secret".equals(
        o.getAdditionalProperties().get("type")));
    return objects;
  }

  /** Topological groups as clusterctl computes them: an object comes after all its owners in the move set. */
  private static List<GenericKubernetesResource> ownersFirst(List<GenericKubernetesResource> objects) {
    Map<String, GenericKubernetesResource> byUid = new LinkedHashMap<>();
    objects.forEach(o -> byUid.put(o.getMetadata().getUid(), o));
    List<GenericKubernetesResource> ordered = new ArrayList<>();
    java.util.Set<String> placed = new java.util.HashSet<>();
    while (ordered.size() < objects.size()) {
      List<GenericKubernetesResource> group = new ArrayList<>();
      for (GenericKubernetesResource object : byUid.values()) {
        if (!placed.contains(object.getMetadata().getUid()) && object.getMetadata().getOwnerReferences().stream()
            .allMatch(owner -> placed.contains(owner.getUid()) || !byUid.containsKey(owner.getUid()))) {
          group.add(object);
        }
      }
      if (group.isEmpty()) {
        throw new IllegalStateException("owner cycle among " + byUid.keySet());
      }
      group.forEach(o -> placed.add(o.getMetadata().getUid()));
      ordered.addAll(group);
    }
    return ordered;
  }
}
