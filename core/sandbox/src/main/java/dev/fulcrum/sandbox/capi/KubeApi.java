package dev.fulcrum.sandbox.capi;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes objects of one Kubernetes API through fabric8, as JSON trees. Updates carry the resourceVersion
 * they read, so a concurrent change fails with 409 and the caller reconciles again.
 */
final class KubeApi {

  private final KubernetesClient client;
  private final KubernetesSerialization serialization;

  KubeApi(KubernetesClient client) {
    this.client = client;
    this.serialization = client.getKubernetesSerialization();
  }

  KubernetesClient client() {
    return client;
  }

  Optional<ApiObject> get(ResourceKind kind, String namespace, String name) {
    return Optional.ofNullable(resources(kind).inNamespace(namespace).withName(name).get()).map(this::tree);
  }

  /** The objects of a kind in a namespace carrying every given label. */
  List<ApiObject> list(ResourceKind kind, String namespace, Map<String, String> labels) {
    return resources(kind).inNamespace(namespace).withLabels(labels).list().getItems().stream().map(this::tree)
        .toList();
  }

  ApiObject create(ResourceKind kind, ApiObject object) {
    return tree(resource(kind, object).create());
  }

  /** Creates the object; when it exists already, returns the stored one. */
  ApiObject createIfMissing(ResourceKind kind, ApiObject object) {
    try {
      return create(kind, object);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      return get(kind, object.namespace(), object.name()).orElseThrow(() -> e);
    }
  }

  ApiObject update(ResourceKind kind, ApiObject object) {
    return tree(resource(kind, object).update());
  }

  ApiObject updateStatus(ResourceKind kind, ApiObject object) {
    return tree(resource(kind, object).updateStatus());
  }

  /** Deletes the object; true when it existed. */
  boolean delete(ResourceKind kind, String namespace, String name) {
    return !resources(kind).inNamespace(namespace).withName(name).delete().isEmpty();
  }

  /** A fabric8 model object as a JSON tree, serialized the way the client sends it. */
  ObjectNode treeOf(Object model) {
    return serialization.convertValue(model, ObjectNode.class);
  }

  ApiObject tree(GenericKubernetesResource resource) {
    return ApiObject.of(serialization.convertValue(resource, ObjectNode.class));
  }

  private Resource<GenericKubernetesResource> resource(ResourceKind kind, ApiObject object) {
    GenericKubernetesResource resource = serialization.convertValue(object.json(), GenericKubernetesResource.class);
    return resources(kind).inNamespace(object.namespace()).resource(resource);
  }

  private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
      resources(ResourceKind kind) {
    return client.genericKubernetesResources(kind.context());
  }
}
