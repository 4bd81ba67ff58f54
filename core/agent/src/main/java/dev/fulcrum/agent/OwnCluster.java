package dev.fulcrum.agent;

import dev.fulcrum.core.kube.KubeTrees;
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

  Optional<ObjectNode> get(String apiVersion, String kind, String namespace, String name) {
    return Optional.ofNullable(KubeTrees.tree(resources(apiVersion, kind).inNamespace(namespace).withName(name).get()));
  }

  /** The object as it is now, if it exists. */
  Optional<ObjectNode> get(JsonNode object) {
    return get(object.path("apiVersion").asString(), object.path("kind").asString(),
        object.at("/metadata/namespace").asString(), object.at("/metadata/name").asString());
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

  void delete(JsonNode object) {
    resources(object.path("apiVersion").asString(), object.path("kind").asString())
        .inNamespace(object.at("/metadata/namespace").asString()).withName(object.at("/metadata/name").asString())
        .delete();
  }

  List<Node> nodes() {
    return client.nodes().list().getItems();
  }

  MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
      resources(String apiVersion, String kind) {
    return client.genericKubernetesResources(apiVersion, kind);
  }
}
