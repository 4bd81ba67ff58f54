package dev.fulcrum.core.pivot;

import dev.fulcrum.core.yaml.Mappers;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** How a move deletes an object it has copied (capi-contracts §5.3 step 9), on either side. */
final class MoveDeletion {
  private MoveDeletion() {}

  /**
   * Deletes the object in two calls: one JSON patch that checks the UID (so a same-named replacement is never
   * deleted), adds the delete-for-move annotation and clears the finalizers (so no provider cleanup runs), then the
   * delete. An object already gone counts as deleted.
   *
   * @param current the object as last read, to know whether it has annotations
   */
  static void retire(MoveApi api, String namespace, ResourceType type, String name, String uid, ObjectNode current) {
    ArrayNode patch = Mappers.json().createArrayNode();
    patch.addObject().put("op", "test").put("path", "/metadata/uid").put("value", uid);
    if (current.at("/metadata/annotations").isObject()) {
      patch.addObject().put("op", "add")
          .put("path", "/metadata/annotations/" + Clusterctl.DELETE_FOR_MOVE_ANNOTATION.replace("/", "~1"))
          .put("value", "");
    } else {
      patch.addObject().put("op", "add").put("path", "/metadata/annotations").putObject("value")
          .put(Clusterctl.DELETE_FOR_MOVE_ANNOTATION, "");
    }
    patch.addObject().put("op", "add").put("path", "/metadata/finalizers").putArray("value");
    if (api.jsonPatch(type, namespace, name, patch).isPresent()) {
      api.delete(type, namespace, name);
    }
  }
}
