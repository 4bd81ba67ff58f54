package dev.fulcrum.core.pivot;

import dev.fulcrum.core.kube.KubeTrees;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@link MoveApi} over a fabric8 client, with generic resources (no model classes, any kind). */
public final class Fabric8MoveApi implements MoveApi {
  private final KubernetesClient client;

  public Fabric8MoveApi(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public List<ObjectNode> listCrds(String label) {
    return client.apiextensions().v1().customResourceDefinitions().withLabel(label).list().getItems().stream()
        .map(KubeTrees::tree)
        .toList();
  }

  @Override
  public List<ObjectNode> list(ResourceType type, String namespace) {
    return resources(type).inNamespace(namespace).list().getItems().stream().map(KubeTrees::tree).toList();
  }

  @Override
  public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
    return Optional.ofNullable(KubeTrees.tree(resources(type).inNamespace(namespace).withName(name).get()));
  }

  @Override
  public Optional<ObjectNode> create(ResourceType type, ObjectNode object) {
    try {
      return Optional.of(KubeTrees.tree(resources(type).resource(KubeTrees.resource(object)).create()));
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public ObjectNode update(ResourceType type, ObjectNode object) {
    return KubeTrees.tree(resources(type).resource(KubeTrees.resource(object)).update());
  }

  @Override
  public Optional<ObjectNode> mergePatch(ResourceType type, String namespace, String name, ObjectNode patch) {
    return patch(type, namespace, name, PatchType.JSON_MERGE, patch.toString());
  }

  @Override
  public Optional<ObjectNode> jsonPatch(ResourceType type, String namespace, String name, ArrayNode patch) {
    return patch(type, namespace, name, PatchType.JSON, patch.toString());
  }

  private Optional<ObjectNode> patch(ResourceType type, String namespace, String name, PatchType patchType,
      String body) {
    try {
      Resource<GenericKubernetesResource> resource = resources(type).inNamespace(namespace).withName(name);
      return Optional.of(KubeTrees.tree(resource.patch(PatchContext.of(patchType), body)));
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public boolean delete(ResourceType type, String namespace, String name) {
    try {
      return !resources(type).inNamespace(namespace).withName(name).delete().isEmpty();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void ensureNamespace(String name) {
    try {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
          .create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
  }

  private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
      resources(ResourceType type) {
    return client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
        .withGroup(type.group())
        .withVersion(type.version())
        .withKind(type.kind())
        .withPlural(type.plural())
        .withNamespaced(true)
        .build());
  }
}
