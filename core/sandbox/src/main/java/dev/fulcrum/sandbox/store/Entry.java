package dev.fulcrum.sandbox.store;

import dev.fulcrum.sandbox.api.GroupResource;
import dev.fulcrum.sandbox.support.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One stored object version, immutable: the fields the store indexes and filters on, plus the object's
 * serialized JSON, which reads splice into responses without re-serializing.
 *
 * @param namespace empty for cluster-scoped objects
 */
public record Entry(
    GroupResource resource,
    String namespace,
    String name,
    String uid,
    long resourceVersion,
    String apiVersion,
    Map<String, String> labels,
    List<OwnerReference> owners,
    List<String> finalizers,
    boolean deleting,
    byte[] json) {

  /** Indexes an object whose JSON form is {@code json}. */
  public static Entry of(GroupResource resource, ObjectNode object, byte[] json) {
    JsonNode metadata = object.path("metadata");
    Map<String, String> labels = new LinkedHashMap<>();
    metadata.path("labels").forEachEntry((key, value) -> labels.put(key, value.stringValue("")));
    List<OwnerReference> owners = new ArrayList<>();
    for (JsonNode ref : metadata.path("ownerReferences")) {
      owners.add(new OwnerReference(Json.text(ref, "apiVersion"), Json.text(ref, "kind"), Json.text(ref, "name"),
          Json.text(ref, "uid"), ref.path("controller").asBoolean(false),
          ref.path("blockOwnerDeletion").asBoolean(false)));
    }
    List<String> finalizers = new ArrayList<>();
    for (JsonNode finalizer : metadata.path("finalizers")) {
      finalizers.add(finalizer.stringValue(""));
    }
    return new Entry(resource,
        metadata.path("namespace").stringValue(""),
        metadata.path("name").stringValue(""),
        metadata.path("uid").stringValue(""),
        Long.parseLong(metadata.path("resourceVersion").stringValue("0")),
        Json.text(object, "apiVersion"),
        Map.copyOf(labels),
        List.copyOf(owners),
        List.copyOf(finalizers),
        metadata.hasNonNull("deletionTimestamp"),
        json);
  }

  /** The store key: {@code namespace/name}, or the name for cluster-scoped objects. */
  public String key() {
    return key(namespace, name);
  }

  public static String key(String namespace, String name) {
    return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
  }

  /** A fresh, mutable tree of the stored object. */
  public ObjectNode object() {
    return Json.parseStored(json);
  }
}
