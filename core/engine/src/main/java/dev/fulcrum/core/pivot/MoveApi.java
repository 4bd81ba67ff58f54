package dev.fulcrum.core.pivot;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Kubernetes API calls a move makes on one cluster, one method per call, so that a decorator can count them or
 * inject faults ({@link InterceptingMoveApi}). Objects are complete JSON trees; all types are namespaced. Failures
 * other than the outcomes each method names are thrown as runtime exceptions.
 */
public interface MoveApi {

  /** The calls, for counting. */
  enum Operation {
    LIST_CRDS,
    LIST,
    GET,
    CREATE,
    UPDATE,
    MERGE_PATCH,
    JSON_PATCH,
    DELETE,
    ENSURE_NAMESPACE
  }

  /** The CustomResourceDefinitions that carry the label (any value). */
  List<ObjectNode> listCrds(String label);

  /** Every object of the type in the namespace. */
  List<ObjectNode> list(ResourceType type, String namespace);

  /** The object; empty when it does not exist. */
  Optional<ObjectNode> get(ResourceType type, String namespace, String name);

  /** Creates the object and returns it as stored; empty when an object of that name already exists. */
  Optional<ObjectNode> create(ResourceType type, ObjectNode object);

  /** Replaces the object (its {@code metadata.resourceVersion} is a precondition when set); returns it as stored. */
  ObjectNode update(ResourceType type, ObjectNode object);

  /** Applies a JSON merge patch (RFC 7386); empty when the object does not exist. */
  Optional<ObjectNode> mergePatch(ResourceType type, String namespace, String name, ObjectNode patch);

  /** Applies a JSON patch (RFC 6902); empty when the object does not exist. */
  Optional<ObjectNode> jsonPatch(ResourceType type, String namespace, String name, ArrayNode patch);

  /** Deletes the object; false when it did not exist. */
  boolean delete(ResourceType type, String namespace, String name);

  /** Creates the namespace unless it exists. */
  void ensureNamespace(String name);
}
