package dev.fulcrum.sandbox.store;

import dev.fulcrum.sandbox.store.GroupResource;
import dev.fulcrum.sandbox.support.Json;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One stored object version, immutable: the fields the store indexes and filters on, plus the object's
 * serialized JSON, which reads splice into responses without re-serializing.
 *
 * <p>Large objects (CRDs above all, which every simulated cluster may hold a copy of) are kept deflated and
 * inflated when read; everything else is kept as is.
 */
public final class Entry {

  /** Objects larger than this are kept compressed. */
  static final int COMPRESS_ABOVE_BYTES = 16 * 1024;

  private final GroupResource resource;
  private final String namespace;
  private final String name;
  private final String uid;
  private final long resourceVersion;
  private final String apiVersion;
  private final Map<String, String> labels;
  private final List<OwnerReference> owners;
  private final List<String> finalizers;
  private final boolean deleting;
  private final byte[] stored;
  private final int length;
  private final boolean compressed;

  private Entry(GroupResource resource, JsonNode metadata, String apiVersion, byte[] json) {
    this.resource = resource;
    this.namespace = metadata.path("namespace").stringValue("");
    this.name = metadata.path("name").stringValue("");
    this.uid = metadata.path("uid").stringValue("");
    this.resourceVersion = Long.parseLong(metadata.path("resourceVersion").stringValue("0"));
    this.apiVersion = apiVersion;
    Map<String, String> labelMap = new LinkedHashMap<>();
    metadata.path("labels").forEachEntry((key, value) -> labelMap.put(key, value.stringValue("")));
    this.labels = Map.copyOf(labelMap);
    List<OwnerReference> ownerList = new ArrayList<>();
    for (JsonNode ref : metadata.path("ownerReferences")) {
      ownerList.add(new OwnerReference(Json.text(ref, "apiVersion"), Json.text(ref, "kind"), Json.text(ref, "name"),
          Json.text(ref, "uid"), ref.path("controller").asBoolean(false),
          ref.path("blockOwnerDeletion").asBoolean(false)));
    }
    this.owners = List.copyOf(ownerList);
    List<String> finalizerList = new ArrayList<>();
    metadata.path("finalizers").forEach(finalizer -> finalizerList.add(finalizer.stringValue("")));
    this.finalizers = List.copyOf(finalizerList);
    this.deleting = metadata.hasNonNull("deletionTimestamp");
    this.length = json.length;
    this.compressed = json.length > COMPRESS_ABOVE_BYTES;
    this.stored = compressed ? deflate(json) : json;
  }

  /** Indexes an object whose JSON form is {@code json}. */
  public static Entry of(GroupResource resource, ObjectNode object, byte[] json) {
    return new Entry(resource, object.path("metadata"), Json.text(object, "apiVersion"), json);
  }

  public GroupResource resource() {
    return resource;
  }

  /** Empty for cluster-scoped objects. */
  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  public String uid() {
    return uid;
  }

  public long resourceVersion() {
    return resourceVersion;
  }

  public String apiVersion() {
    return apiVersion;
  }

  public Map<String, String> labels() {
    return labels;
  }

  public List<OwnerReference> owners() {
    return owners;
  }

  public List<String> finalizers() {
    return finalizers;
  }

  public boolean deleting() {
    return deleting;
  }

  /** The object's JSON; callers must not modify the array. */
  public byte[] json() {
    return compressed ? inflate(stored, length) : stored;
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
    return Json.parseStored(json());
  }

  private static byte[] deflate(byte[] json) {
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try {
      deflater.setInput(json);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4);
      byte[] buffer = new byte[8192];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  private static byte[] inflate(byte[] deflated, int length) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(deflated);
      byte[] json = new byte[length];
      int offset = 0;
      while (offset < length && !inflater.finished()) {
        offset += inflater.inflate(json, offset, length - offset);
      }
      return json;
    } catch (DataFormatException e) {
      throw new IllegalStateException("a stored object is corrupt", e);
    } finally {
      inflater.end();
    }
  }
}
