package dev.fulcrum.core.components;

import dev.fulcrum.core.kube.KubeTrees;
import dev.fulcrum.core.kube.ServerSideApply;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies objects (provider components, the agent) to one cluster and tells, without waiting, whether they are ready.
 *
 * <p>Objects are applied with server-side apply under the field manager {@value ServerSideApply#FIELD_MANAGER}, so a
 * repeated install changes nothing and an upgrade updates in place. CustomResourceDefinitions go first, then
 * Namespaces, then everything else in the given order, so no object arrives before its kind or namespace exists.
 */
public final class ComponentsInstaller {
  private static final String CRD_KIND = "CustomResourceDefinition";
  private static final String NAMESPACE_KIND = "Namespace";
  private static final String DEPLOYMENT_KIND = "Deployment";

  private final KubernetesClient client;
  private final ServerSideApply apply;

  /** An installer for the cluster {@code client} talks to. */
  public ComponentsInstaller(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client");
    this.apply = new ServerSideApply(client);
  }

  /** Applies every component's objects; see the class comment for the order. */
  public void install(List<ComponentManifests> components) {
    applyAll(objectsOf(components));
  }

  /** Applies the objects; see the class comment for the order. */
  public void applyAll(List<ObjectNode> objects) {
    for (ObjectNode object : installOrder(objects)) {
      apply.apply(object);
    }
  }

  /**
   * What the components still wait for: each CRD must be Established, each Deployment Available for its current
   * generation. One read per CRD and Deployment; never blocks.
   */
  public Readiness readiness(List<ComponentManifests> components) {
    return readinessOf(objectsOf(components));
  }

  /** {@link #readiness(List)} for plain objects. */
  public Readiness readinessOf(List<ObjectNode> objects) {
    List<String> waiting = new ArrayList<>();
    for (ObjectNode object : objects) {
      String kind = object.path("kind").asString("");
      if (!kind.equals(CRD_KIND) && !kind.equals(DEPLOYMENT_KIND)) {
        continue;
      }
      GenericKubernetesResource live = client.resource(KubeTrees.resource(object)).get();
      String awaited = live == null ? "not created" : awaited(kind, KubeTrees.tree(live));
      if (awaited != null) {
        waiting.add(KubeTrees.describe(object) + ": " + awaited);
      }
    }
    return new Readiness(waiting);
  }

  /** What the live object still lacks, or null if it is ready. */
  private static String awaited(String kind, ObjectNode live) {
    if (kind.equals(CRD_KIND)) {
      return conditionTrue(live, "Established") ? null : "not Established";
    }
    long generation = live.at("/metadata/generation").asLong(0);
    long observed = live.at("/status/observedGeneration").asLong(-1);
    if (observed < generation) {
      return "generation " + generation + " not observed yet";
    }
    return conditionTrue(live, "Available") ? null : "not Available";
  }

  private static boolean conditionTrue(JsonNode object, String type) {
    for (JsonNode condition : object.at("/status/conditions")) {
      if (type.equals(condition.path("type").asString("")) && "True".equals(condition.path("status").asString(""))) {
        return true;
      }
    }
    return false;
  }

  private static List<ObjectNode> objectsOf(List<ComponentManifests> components) {
    return components.stream().flatMap(component -> component.objects().stream()).toList();
  }

  /** CRDs, then Namespaces, then the rest, each group in the given order (the sort is stable). */
  static List<ObjectNode> installOrder(List<ObjectNode> objects) {
    return objects.stream().sorted(Comparator.comparingInt(ComponentsInstaller::rank)).toList();
  }

  private static int rank(JsonNode object) {
    return switch (object.path("kind").asString("")) {
      case CRD_KIND -> 0;
      case NAMESPACE_KIND -> 1;
      default -> 2;
    };
  }
}
