package dev.fulcrum.core.pivot;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The object to create on the target for a source object (capi-contracts §5.3 step 8): server-set metadata and status
 * dropped, ownerReferences rebuilt with the owners' target UIDs (kind, name, controller and blockOwnerDeletion kept),
 * and a Cluster created paused so that the target's controllers wait until the move is complete.
 */
final class TargetCopies {
  private static final List<String> SERVER_SET_METADATA = List.of("uid", "resourceVersion", "creationTimestamp",
      "managedFields", "generation", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");

  private TargetCopies() {}

  /**
   * @param targetUids owners' target UIDs by their source UID
   * @throws IllegalStateException if an owner has no target UID yet (owners are created first)
   */
  static ObjectNode copy(ResourceType type, ObjectNode source, Map<String, String> targetUids) {
    ObjectNode copy = source.deepCopy();
    copy.remove("status");
    ObjectNode metadata = (ObjectNode) copy.get("metadata");
    SERVER_SET_METADATA.forEach(metadata::remove);
    if (metadata.has("name")) {
      metadata.remove("generateName");
    }
    if (metadata.has("ownerReferences")) {
      ArrayNode owners = metadata.putArray("ownerReferences");
      for (JsonNode owner : source.at("/metadata/ownerReferences")) {
        String targetUid = targetUids.get(owner.path("uid").asString(""));
        if (targetUid == null) {
          throw new IllegalStateException(type.kind() + " " + metadata.path("name").asString() + ": owner "
              + owner.path("kind").asString("") + " " + owner.path("name").asString("") + " has no copy yet");
        }
        ObjectNode rebuilt = owners.addObject();
        rebuilt.put("apiVersion", owner.path("apiVersion").asString(""));
        rebuilt.put("kind", owner.path("kind").asString(""));
        rebuilt.put("name", owner.path("name").asString(""));
        rebuilt.put("uid", targetUid);
        for (String flag : List.of("controller", "blockOwnerDeletion")) {
          if (owner.has(flag)) {
            rebuilt.put(flag, owner.path(flag).asBoolean());
          }
        }
      }
    }
    if (Clusterctl.isCluster(type)) {
      (copy.get("spec") instanceof ObjectNode spec ? spec : copy.putObject("spec")).put("paused", true);
    }
    return copy;
  }
}
