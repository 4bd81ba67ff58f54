package dev.fulcrum.sandbox.http;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.fulcrum.sandbox.api.ApiException;
import dev.fulcrum.sandbox.support.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes the protobuf request bodies kubectl's typed subcommands send ({@code kubectl create namespace},
 * {@code create secret}, {@code create configmap}, {@code create serviceaccount}, {@code create role},
 * {@code create rolebinding}, {@code create clusterrole}, {@code create clusterrolebinding}) into the JSON
 * the rest of the sandbox works with.
 *
 * <p>A body is the {@code k8s\0} magic followed by a {@code runtime.Unknown} envelope whose {@code raw} field
 * holds the object message. Messages are decoded by the field numbers of Kubernetes' generated protobuf
 * definitions, for the kinds listed above only; any other kind, or a field these tables do not know, is
 * refused with 415 rather than silently dropped, so the client can send JSON instead. Go writes zero values
 * (empty strings, false, 0) that its JSON form omits, so they are omitted here too.
 */
final class ProtobufBodies {

  private static final byte[] MAGIC = {'k', '8', 's', 0};

  private enum Kind { STRING, BOOL, INT64, MESSAGE, STRING_MAP, BYTES_MAP, TIME }

  private record Field(String name, Kind kind, boolean repeated, Message message) {}

  /** One protobuf message: field number to JSON field. */
  private record Message(String name, Map<Integer, Field> fields) {}

  private static Field string(String name) {
    return new Field(name, Kind.STRING, false, null);
  }

  private static Field strings(String name) {
    return new Field(name, Kind.STRING, true, null);
  }

  private static Field bool(String name) {
    return new Field(name, Kind.BOOL, false, null);
  }

  private static Field message(String name, Message message) {
    return new Field(name, Kind.MESSAGE, false, message);
  }

  private static Field messages(String name, Message message) {
    return new Field(name, Kind.MESSAGE, true, message);
  }

  private static final Message OWNER_REFERENCE = new Message("OwnerReference", Map.of(
      1, string("kind"), 3, string("name"), 4, string("uid"), 5, string("apiVersion"), 6, bool("controller"),
      7, bool("blockOwnerDeletion")));

  private static final Message OBJECT_META = new Message("ObjectMeta", Map.ofEntries(
      Map.entry(1, string("name")), Map.entry(2, string("generateName")), Map.entry(3, string("namespace")),
      Map.entry(4, string("selfLink")), Map.entry(5, string("uid")), Map.entry(6, string("resourceVersion")),
      Map.entry(7, new Field("generation", Kind.INT64, false, null)),
      Map.entry(8, new Field("creationTimestamp", Kind.TIME, false, null)),
      Map.entry(9, new Field("deletionTimestamp", Kind.TIME, false, null)),
      Map.entry(10, new Field("deletionGracePeriodSeconds", Kind.INT64, false, null)),
      Map.entry(11, new Field("labels", Kind.STRING_MAP, false, null)),
      Map.entry(12, new Field("annotations", Kind.STRING_MAP, false, null)),
      Map.entry(13, messages("ownerReferences", OWNER_REFERENCE)), Map.entry(14, strings("finalizers"))));

  private static final Message OBJECT_REFERENCE = new Message("ObjectReference", Map.of(
      1, string("kind"), 2, string("namespace"), 3, string("name"), 4, string("uid"), 5, string("apiVersion"),
      6, string("resourceVersion"), 7, string("fieldPath")));

  private static final Message POLICY_RULE = new Message("PolicyRule", Map.of(
      1, strings("verbs"), 2, strings("apiGroups"), 3, strings("resources"), 4, strings("resourceNames"),
      5, strings("nonResourceURLs")));

  private static final Message SUBJECT = new Message("Subject", Map.of(
      1, string("kind"), 2, string("apiGroup"), 3, string("name"), 4, string("namespace")));

  private static final Message ROLE_REF = new Message("RoleRef", Map.of(
      1, string("apiGroup"), 2, string("kind"), 3, string("name")));

  private static final Message REQUIREMENT = new Message("LabelSelectorRequirement", Map.of(
      1, string("key"), 2, string("operator"), 3, strings("values")));

  private static final Message LABEL_SELECTOR = new Message("LabelSelector", Map.of(
      1, new Field("matchLabels", Kind.STRING_MAP, false, null), 2, messages("matchExpressions", REQUIREMENT)));

  /** Object messages by {@code apiVersion/kind}. */
  private static final Map<String, Message> OBJECTS = Map.of(
      "v1/Namespace", new Message("Namespace", Map.of(1, message("metadata", OBJECT_META),
          2, message("spec", new Message("NamespaceSpec", Map.of(1, strings("finalizers")))),
          3, message("status", new Message("NamespaceStatus", Map.of(1, string("phase"),
              2, messages("conditions", new Message("NamespaceCondition", Map.of(1, string("type"),
                  2, string("status"), 4, new Field("lastTransitionTime", Kind.TIME, false, null),
                  5, string("reason"), 6, string("message"))))))))),
      "v1/Secret", new Message("Secret", Map.of(1, message("metadata", OBJECT_META),
          2, new Field("data", Kind.BYTES_MAP, false, null), 3, string("type"),
          4, new Field("stringData", Kind.STRING_MAP, false, null), 5, bool("immutable"))),
      "v1/ConfigMap", new Message("ConfigMap", Map.of(1, message("metadata", OBJECT_META),
          2, new Field("data", Kind.STRING_MAP, false, null), 3, new Field("binaryData", Kind.BYTES_MAP, false, null),
          4, bool("immutable"))),
      "v1/ServiceAccount", new Message("ServiceAccount", Map.of(1, message("metadata", OBJECT_META),
          2, messages("secrets", OBJECT_REFERENCE),
          3, messages("imagePullSecrets", new Message("LocalObjectReference", Map.of(1, string("name")))),
          4, bool("automountServiceAccountToken"))),
      "rbac.authorization.k8s.io/v1/Role", new Message("Role", Map.of(1, message("metadata", OBJECT_META),
          2, messages("rules", POLICY_RULE))),
      "rbac.authorization.k8s.io/v1/ClusterRole", new Message("ClusterRole", Map.of(
          1, message("metadata", OBJECT_META), 2, messages("rules", POLICY_RULE),
          3, message("aggregationRule", new Message("AggregationRule", Map.of(
              1, messages("clusterRoleSelectors", LABEL_SELECTOR)))))),
      "rbac.authorization.k8s.io/v1/RoleBinding", new Message("RoleBinding", Map.of(
          1, message("metadata", OBJECT_META), 2, messages("subjects", SUBJECT), 3, message("roleRef", ROLE_REF))),
      "rbac.authorization.k8s.io/v1/ClusterRoleBinding", new Message("ClusterRoleBinding", Map.of(
          1, message("metadata", OBJECT_META), 2, messages("subjects", SUBJECT), 3, message("roleRef", ROLE_REF))));

  private ProtobufBodies() {}

  static JsonNode decode(byte[] body) {
    if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
      throw ApiException.badRequest("the protobuf body does not start with the Kubernetes magic prefix");
    }
    try {
      CodedInputStream envelope = CodedInputStream.newInstance(body, MAGIC.length, body.length - MAGIC.length);
      String apiVersion = "";
      String kind = "";
      byte[] raw = null;
      for (int tag = envelope.readTag(); tag != 0; tag = envelope.readTag()) {
        switch (WireFormat.getTagFieldNumber(tag)) {
          case 1 -> {
            CodedInputStream typeMeta = CodedInputStream.newInstance(envelope.readByteArray());
            for (int inner = typeMeta.readTag(); inner != 0; inner = typeMeta.readTag()) {
              switch (WireFormat.getTagFieldNumber(inner)) {
                case 1 -> apiVersion = typeMeta.readStringRequireUtf8();
                case 2 -> kind = typeMeta.readStringRequireUtf8();
                default -> typeMeta.skipField(inner);
              }
            }
          }
          case 2 -> raw = envelope.readByteArray();
          default -> envelope.skipField(tag);
        }
      }
      Message message = OBJECTS.get(apiVersion + "/" + kind);
      if (message == null || raw == null) {
        throw unsupported("protobuf request bodies are decoded for Namespace, Secret, ConfigMap, ServiceAccount and "
            + "RBAC kinds only, not " + apiVersion + " " + kind + "; send JSON");
      }
      ObjectNode object = Json.object();
      object.put("apiVersion", apiVersion);
      object.put("kind", kind);
      read(CodedInputStream.newInstance(raw), message, object);
      return object;
    } catch (IOException e) {
      throw ApiException.badRequest("malformed protobuf body: " + e.getMessage());
    }
  }

  private static void read(CodedInputStream in, Message message, ObjectNode target) throws IOException {
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      Field field = message.fields().get(WireFormat.getTagFieldNumber(tag));
      if (field == null) {
        throw unsupported("protobuf field " + WireFormat.getTagFieldNumber(tag) + " of " + message.name()
            + " is not supported by the sandbox; send JSON");
      }
      switch (field.kind()) {
        case STRING_MAP, BYTES_MAP -> readMapEntry(CodedInputStream.newInstance(in.readByteArray()),
            Json.child(target, field.name()), field.kind() == Kind.BYTES_MAP);
        case MESSAGE -> {
          ObjectNode value = Json.object();
          read(CodedInputStream.newInstance(in.readByteArray()), field.message(), value);
          put(target, field, value);
        }
        case TIME -> target.put(field.name(), readTime(CodedInputStream.newInstance(in.readByteArray())));
        case STRING -> {
          String value = in.readStringRequireUtf8();
          if (field.repeated() || !value.isEmpty()) {
            put(target, field, Json.MAPPER.getNodeFactory().textNode(value));
          }
        }
        case BOOL -> {
          if (in.readBool()) {
            target.put(field.name(), true);
          }
        }
        case INT64 -> {
          long value = in.readInt64();
          if (value != 0) {
            target.put(field.name(), value);
          }
        }
      }
    }
  }

  private static void put(ObjectNode target, Field field, JsonNode value) {
    if (field.repeated()) {
      ArrayNode array = target.withArray(field.name());
      array.add(value);
    } else {
      target.set(field.name(), value);
    }
  }

  private static void readMapEntry(CodedInputStream entry, ObjectNode map, boolean bytesValue) throws IOException {
    String key = "";
    String value = "";
    for (int tag = entry.readTag(); tag != 0; tag = entry.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> key = entry.readStringRequireUtf8();
        case 2 -> value = bytesValue ? Base64.getEncoder().encodeToString(entry.readByteArray())
            : entry.readStringRequireUtf8();
        default -> entry.skipField(tag);
      }
    }
    map.put(key, value);
  }

  private static String readTime(CodedInputStream time) throws IOException {
    long seconds = 0;
    for (int tag = time.readTag(); tag != 0; tag = time.readTag()) {
      if (WireFormat.getTagFieldNumber(tag) == 1) {
        seconds = time.readInt64();
      } else {
        time.skipField(tag);
      }
    }
    return Json.timestamp(Instant.ofEpochSecond(seconds));
  }

  private static ApiException unsupported(String message) {
    return ApiException.of(415, "UnsupportedMediaType", message);
  }
}
