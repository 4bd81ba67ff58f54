package dev.fulcrum.core.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts between the JSON trees the core works with and fabric8's resource types, with fabric8's
 * own (Jackson 3) serialization so that its model classes read and write exactly as on the wire.
 */
public final class KubeTrees {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private KubeTrees() {}

  /** A fabric8 resource of any kind from a complete object tree. */
  public static GenericKubernetesResource resource(JsonNode object) {
    return SERIALIZATION.convertValue(object, GenericKubernetesResource.class);
  }

  /** The object as a tree; null for null. */
  public static ObjectNode tree(HasMetadata resource) {
    return resource == null ? null : SERIALIZATION.convertValue(resource, ObjectNode.class);
  }

  /** {@code Kind namespace/name}, for messages. */
  public static String describe(JsonNode object) {
    String namespace = object.at("/metadata/namespace").asString("");
    return object.path("kind").asString("")
        + " "
        + (namespace.isEmpty() ? "" : namespace + "/")
        + object.at("/metadata/name").asString("");
  }
}
