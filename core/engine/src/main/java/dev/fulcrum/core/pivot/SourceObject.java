package dev.fulcrum.core.pivot;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** An object read from a cluster, with the type it was read as. */
record SourceObject(ResourceType type, ObjectNode object) {

  String uid() {
    return object.at("/metadata/uid").asString("");
  }

  String name() {
    return object.at("/metadata/name").asString("");
  }

  /** {@code Kind namespace/name}. */
  String describe() {
    return type.kind() + " " + object.at("/metadata/namespace").asString("") + "/" + name();
  }

  boolean hasLabel(String key) {
    return object.at("/metadata/labels").has(key);
  }

  boolean hasAnnotation(String key) {
    return object.at("/metadata/annotations").has(key);
  }

  /** The UIDs its ownerReferences name. */
  List<String> ownerUids() {
    List<String> uids = new ArrayList<>();
    for (JsonNode owner : object.at("/metadata/ownerReferences")) {
      uids.add(owner.path("uid").asString(""));
    }
    return uids;
  }
}
