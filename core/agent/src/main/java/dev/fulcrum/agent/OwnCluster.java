package dev.fulcrum.agent;

import dev.fulcrum.core.kube.KubeTrees;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The agent's own cluster's API, as JSON trees: the few calls the reconciler makes. */
final class OwnCluster {

  private final KubernetesClient client;

  OwnCluster(KubernetesClient client) {
    this.client = client;
  }

  /** The object as it is now, if it exists; an empty namespace for a cluster-scoped object. */
  Optional<ObjectNode> get(String apiVersion, String kind, String namespace, String name) {
    return Optional.ofNullable(KubeTrees.tree(named(apiVersion, kind, namespace, name).get()));
  }

  /** The object as it is now, if it exists. */
  Optional<ObjectNode> get(JsonNode object) {
    return get(object.path("apiVersion").asString(), object.path("kind").asString(),
        object.at("/metadata/namespace").asString(""), object.at("/metadata/name").asString());
  }

  List<ObjectNode> list(String apiVersion, String kind, String namespace, Map<String, String> labels) {
    return resources(apiVersion, kind).inNamespace(namespace).withLabels(labels).list().getItems().stream()
        .map(KubeTrees::tree).toList();
  }

  /** Server-side apply as {@value AgentConfigMaps#FIELD_MANAGER}, forcing ownership of the fields it sets. */
  ObjectNode apply(ObjectNode object) {
    return KubeTrees.tree(client.resource(KubeTrees.resource(object)).fieldManager(AgentConfigMaps.FIELD_MANAGER)
        .forceConflicts().serverSideApply());
  }

  /** Objects of a kind in every namespace carrying {@code labels} and a label {@code labelKey} of any value. */
  List<ObjectNode> listEverywhere(String apiVersion, String kind, Map<String, String> labels, String labelKey) {
    return resources(apiVersion, kind).inAnyNamespace().withLabels(labels).withLabel(labelKey).list().getItems()
        .stream().map(KubeTrees::tree).toList();
  }

  /**
   * Whether the API serves {@code kind} at {@code apiVersion} in namespaces (true) or cluster-wide (false); empty
   * when it does not serve the kind at all (yet: a CustomResourceDefinition may still be on its way).
   */
  Optional<Boolean> namespaced(String apiVersion, String kind) {
    APIResourceList resources = client.getApiResources(apiVersion);
    if (resources == null || resources.getResources() == null) {
      return Optional.empty();
    }
    return resources.getResources().stream()
        .filter(resource -> kind.equals(resource.getKind()) && !resource.getName().contains("/"))
        .map(APIResource::getNamespaced).findFirst();
  }

  void delete(JsonNode object) {
    named(object.path("apiVersion").asString(), object.path("kind").asString(),
        object.at("/metadata/namespace").asString(""), object.at("/metadata/name").asString()).delete();
  }

  private Resource<GenericKubernetesResource> named(String apiVersion, String kind, String namespace, String name) {
    MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
        resources = resources(apiVersion, kind);
    return namespace.isEmpty() ? resources.withName(name) : resources.inNamespace(namespace).withName(name);
  }

  List<Node> nodes() {
    return client.nodes().list().getItems();
  }

  MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
      resources(String apiVersion, String kind) {
    return client.genericKubernetesResources(apiVersion, kind);
  }
}
