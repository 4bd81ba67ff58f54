package dev.fulcrum.sandbox.capi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Kubernetes object as the controllers see it: its JSON tree with accessors for the metadata they use. Mutable,
 * like the copy a controller reads, edits and writes back.
 */
final class ApiObject {

  /** One entry of {@code metadata.ownerReferences}. */
  record OwnerRef(String apiVersion, String kind, String name, String uid, boolean controller) {
    String group() {
      return ResourceKind.groupOf(apiVersion);
    }
  }

  private final ObjectNode json;

  private ApiObject(ObjectNode json) {
    this.json = Objects.requireNonNull(json, "json");
  }

  static ApiObject of(ObjectNode json) {
    return new ApiObject(json);
  }

  /** A new object of {@code kind} with just its type and name. */
  static ApiObject create(ResourceKind kind, String namespace, String name) {
    ObjectNode json = Trees.object();
    json.put("apiVersion", kind.apiVersion());
    json.put("kind", kind.kind());
    ObjectNode metadata = json.putObject("metadata");
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    return new ApiObject(json);
  }

  ObjectNode json() {
    return json;
  }

  ApiObject copy() {
    return new ApiObject(json.deepCopy());
  }

  String kind() {
    return json.path("kind").stringValue("");
  }

  String apiVersion() {
    return json.path("apiVersion").stringValue("");
  }

  String name() {
    return metadata().path("name").stringValue("");
  }

  String namespace() {
    return metadata().path("namespace").stringValue("");
  }

  String uid() {
    return metadata().path("uid").stringValue("");
  }

  long generation() {
    return metadata().path("generation").asLong(0);
  }

  Instant creationTimestamp() {
    String created = metadata().path("creationTimestamp").stringValue(null);
    return created == null ? Instant.EPOCH : Instant.parse(created);
  }

  boolean deleting() {
    return metadata().hasNonNull("deletionTimestamp");
  }

  ObjectNode metadata() {
    return Trees.child(json, "metadata");
  }

  ObjectNode spec() {
    return Trees.child(json, "spec");
  }

  ObjectNode status() {
    return Trees.child(json, "status");
  }

  /** The node at a JSON pointer, or a missing node. */
  JsonNode at(String pointer) {
    return json.at(pointer);
  }

  /** The string at a JSON pointer, or null when absent or empty. */
  String text(String pointer) {
    String value = json.at(pointer).stringValue(null);
    return value == null || value.isEmpty() ? null : value;
  }

  boolean flag(String pointer) {
    return json.at(pointer).asBoolean(false);
  }

  Map<String, String> labels() {
    return Trees.stringMap(metadata().path("labels"));
  }

  Map<String, String> annotations() {
    return Trees.stringMap(metadata().path("annotations"));
  }

  /** Sets a label; true when that changed the object. */
  boolean label(String key, String value) {
    return put(Trees.child(metadata(), "labels"), key, value);
  }

  /** Sets an annotation; true when that changed the object. */
  boolean annotate(String key, String value) {
    return put(Trees.child(metadata(), "annotations"), key, value);
  }

  boolean hasFinalizer(String finalizer) {
    for (JsonNode existing : metadata().path("finalizers")) {
      if (finalizer.equals(existing.stringValue(null))) {
        return true;
      }
    }
    return false;
  }

  /** Adds a finalizer; true when it was missing. */
  boolean addFinalizer(String finalizer) {
    if (hasFinalizer(finalizer)) {
      return false;
    }
    Trees.childArray(metadata(), "finalizers").add(finalizer);
    return true;
  }

  /** Removes a finalizer; true when it was there. */
  boolean removeFinalizer(String finalizer) {
    ArrayNode finalizers = Trees.childArray(metadata(), "finalizers");
    for (int i = 0; i < finalizers.size(); i++) {
      if (finalizer.equals(finalizers.get(i).stringValue(null))) {
        finalizers.remove(i);
        return true;
      }
    }
    return false;
  }

  List<OwnerRef> owners() {
    List<OwnerRef> owners = new ArrayList<>();
    for (JsonNode ref : metadata().path("ownerReferences")) {
      owners.add(new OwnerRef(ref.path("apiVersion").stringValue(""), ref.path("kind").stringValue(""),
          ref.path("name").stringValue(""), ref.path("uid").stringValue(""), ref.path("controller").asBoolean(false)));
    }
    return owners;
  }

  /** The first owner of a group and kind. */
  Optional<OwnerRef> owner(String group, String kind) {
    return owners().stream().filter(ref -> ref.kind().equals(kind) && ref.group().equals(group)).findFirst();
  }

  Optional<OwnerRef> controllerOwner() {
    return owners().stream().filter(OwnerRef::controller).findFirst();
  }

  boolean ownedBy(ApiObject owner) {
    return owners().stream().anyMatch(ref -> ref.uid().equals(owner.uid()));
  }

  boolean controlledBy(ApiObject owner) {
    return owners().stream().anyMatch(ref -> ref.controller() && ref.uid().equals(owner.uid()));
  }

  /**
   * Makes {@code owner} an owner of this object; as its controller when asked and no other controller exists. True
   * when that changed the object.
   */
  boolean ensureOwner(ApiObject owner, boolean controller) {
    ArrayNode refs = Trees.childArray(metadata(), "ownerReferences");
    boolean asController = controller && controllerOwner().filter(ref -> !ref.uid().equals(owner.uid())).isEmpty();
    for (JsonNode existing : refs) {
      if (owner.uid().equals(existing.path("uid").stringValue(null))) {
        if (asController && !existing.path("controller").asBoolean(false)) {
          ((ObjectNode) existing).put("controller", true).put("blockOwnerDeletion", true);
          return true;
        }
        return false;
      }
    }
    ObjectNode ref = refs.addObject();
    ref.put("apiVersion", owner.apiVersion());
    ref.put("kind", owner.kind());
    ref.put("name", owner.name());
    ref.put("uid", owner.uid());
    if (asController) {
      ref.put("controller", true);
      ref.put("blockOwnerDeletion", true);
    }
    return true;
  }

  private static boolean put(ObjectNode map, String key, String value) {
    if (value.equals(map.path(key).stringValue(null))) {
      return false;
    }
    map.put(key, value);
    return true;
  }

  @Override
  public String toString() {
    return kind() + " " + namespace() + "/" + name();
  }
}
