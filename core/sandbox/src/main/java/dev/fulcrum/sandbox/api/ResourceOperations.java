package dev.fulcrum.sandbox.api;

import dev.fulcrum.sandbox.api.DeleteOptions.PropagationPolicy;
import dev.fulcrum.sandbox.patch.JsonValues;
import dev.fulcrum.sandbox.store.Cluster;
import dev.fulcrum.sandbox.store.Cluster.Committed;
import dev.fulcrum.sandbox.store.Cluster.Transaction;
import dev.fulcrum.sandbox.store.Entry;
import dev.fulcrum.sandbox.support.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Kubernetes API semantics of reads and writes, independent of HTTP: resourceVersion preconditions,
 * generation, status separation, namespaces, finalizers and deletion, kind-specific rules. Every write runs
 * as the single writer of its cluster.
 */
public final class ResourceOperations {

  /** Finalizer that keeps an owner until its blocking dependents are gone (foreground deletion). */
  public static final String FOREGROUND_FINALIZER = "foregroundDeletion";
  /** Finalizer that keeps an owner until its dependents no longer reference it (orphan deletion). */
  public static final String ORPHAN_FINALIZER = "orphan";

  private static final int GENERATE_NAME_ATTEMPTS = 8;

  /**
   * Computes an object's next state from its current one inside the writer's critical section (patches).
   */
  @FunctionalInterface
  public interface Mutation {
    /**
     * @param current the stored object (a private copy), or null when it does not exist
     * @return the desired object
     */
    ObjectNode apply(ObjectNode current);
  }

  /** Hooks the sandbox's schema validation and field-ownership tracking plug into. */
  public interface WriteHooks {
    /** Validates (and defaults) a custom resource against its schema; returns every problem. */
    List<StatusCause> validateCustom(ResourceType type, ObjectNode object, WriteOptions options, List<String> warnings);

    /** Records the fields a non-apply write changed in {@code after}'s managedFields. */
    void trackUpdate(ResourceType type, ObjectNode before, ObjectNode after, String subresource,
        WriteOptions options, Instant now);
  }

  private final Clock clock;
  private final WriteHooks hooks;

  public ResourceOperations(Clock clock, WriteHooks hooks) {
    this.clock = clock;
    this.hooks = hooks;
  }

  // ---------------------------------------------------------------- reads

  public Entry get(Cluster cluster, ResourceType type, String namespace, String name) {
    Entry entry = cluster.get(type.groupResource(), scoped(type, namespace), name);
    if (entry == null) {
      throw ApiException.notFound(type.group(), type.resource(), name);
    }
    return entry;
  }

  /**
   * Lists without locking: the list's resourceVersion is read first, so every change up to it is included
   * (some later ones may be too; a watch from that version replays them harmlessly).
   */
  public ListResult list(Cluster cluster, ResourceType type, String namespace, ListOptions options) {
    long resourceVersion = cluster.resourceVersion();
    String ns = scoped(type, namespace);
    String exactName = options.fields().exactName();
    boolean singleKey = exactName != null && (!type.namespaced() || !ns.isEmpty());
    if (singleKey && options.continueToken() == null) {
      Entry entry = cluster.get(type.groupResource(), ns, exactName);
      List<Entry> items = entry != null && matches(entry, options) ? List.of(entry) : List.of();
      return new ListResult(resourceVersion, items, null, null);
    }
    return filtered(cluster, type, ns, options, resourceVersion);
  }

  private ListResult filtered(Cluster cluster, ResourceType type, String ns, ListOptions options,
      long resourceVersion) {
    String after = options.continueToken() == null ? null : ContinueToken.decode(options.continueToken()).afterKey();
    List<Entry> items = new ArrayList<>();
    String continueToken = null;
    for (Entry entry : cluster.scan(type.groupResource(), ns, after)) {
      if (!matches(entry, options)) {
        continue;
      }
      if (options.limit() > 0 && items.size() == options.limit()) {
        continueToken = new ContinueToken(resourceVersion, items.get(items.size() - 1).key()).encode();
        break;
      }
      items.add(entry);
    }
    return new ListResult(resourceVersion, items, continueToken, null);
  }

  private static boolean matches(Entry entry, ListOptions options) {
    return options.labels().matches(entry.labels()) && options.fields().matches(entry);
  }

  // ---------------------------------------------------------------- create

  public WriteResult create(Cluster cluster, ResourceType type, String namespace, JsonNode body,
      WriteOptions options) {
    ObjectNode object = requireObject(body, type);
    ObjectNode metadata = Json.child(object, "metadata");
    String ns = scoped(type, namespace);
    checkBodyNamespace(type, ns, metadata);
    String resourceVersion = metadata.path("resourceVersion").stringValue("");
    if (!resourceVersion.isEmpty()) {
      throw ApiException.invalid(type.group(), type.kind(), Json.text(metadata, "name"), "metadata.resourceVersion",
          "FieldValueInvalid", "Invalid value: \"" + resourceVersion
              + "\": resourceVersion should not be set on objects to be created");
    }
    Committed<WriteResult> committed = cluster.write(tx -> createIn(tx, type, ns, object, options, null));
    return withDurability(committed);
  }

  private WriteResult createIn(Transaction tx, ResourceType type, String ns, ObjectNode object, WriteOptions options,
      String subresource) {
    ObjectNode metadata = Json.child(object, "metadata");
    requireWritableNamespace(tx, type, ns, metadata);
    requireServedCustomResource(tx, type);
    String name = metadata.path("name").stringValue("");
    if (name.isEmpty()) {
      String prefix = metadata.path("generateName").stringValue("");
      if (prefix.isEmpty()) {
        throw ApiException.invalid(type.group(), type.kind(), "", "metadata.name", "FieldValueRequired",
            "Required value: name or generateName is required");
      }
      name = uniqueGeneratedName(tx, type, ns, prefix);
      metadata.put("name", name);
    }
    if (tx.get(type.groupResource(), ns, name) != null) {
      throw ApiException.alreadyExists(type.group(), type.resource(), name);
    }
    Instant now = clock.instant();
    metadata.remove(List.of("deletionTimestamp", "deletionGracePeriodSeconds", "selfLink", "resourceVersion"));
    metadata.put("uid", UUID.randomUUID().toString());
    metadata.put("creationTimestamp", Json.timestamp(now));
    if (type.tracksGeneration()) {
      metadata.put("generation", 1);
    } else {
      metadata.remove("generation");
    }
    KindRules.prepareForCreate(type, object, now);
    List<String> warnings = new ArrayList<>();
    validate(type, object, options, warnings);
    hooks.trackUpdate(type, null, object, subresource, options, now);
    return commit(tx, type, object, null, options, warnings);
  }

  private static String uniqueGeneratedName(Transaction tx, ResourceType type, String ns, String prefix) {
    for (int attempt = 0; attempt < GENERATE_NAME_ATTEMPTS; attempt++) {
      String candidate = Names.generate(prefix);
      if (tx.get(type.groupResource(), ns, candidate) == null) {
        return candidate;
      }
    }
    throw ApiException.of(500, "ServerTimeout", "could not generate a unique name from prefix \"" + prefix + "\"");
  }

  // ---------------------------------------------------------------- update and patch

  /** PUT: replaces the object (or, for a subresource, the part it owns). */
  public WriteResult update(Cluster cluster, ResourceType type, String namespace, String name, String subresource,
      JsonNode body, WriteOptions options) {
    ObjectNode object = requireObject(body, type);
    ObjectNode metadata = Json.child(object, "metadata");
    String ns = scoped(type, namespace);
    checkBodyNamespace(type, ns, metadata);
    String bodyName = metadata.path("name").stringValue("");
    if (!bodyName.equals(name)) {
      throw ApiException.badRequest("the name of the object (" + bodyName
          + ") does not match the name on the URL (" + name + ")");
    }
    boolean requireVersion = type.isCustom() && subresource == null;
    return withDurability(cluster.write(tx -> {
      Entry current = tx.get(type.groupResource(), ns, name);
      if (current == null) {
        throw ApiException.notFound(type.group(), type.resource(), name);
      }
      if (requireVersion && metadata.path("resourceVersion").stringValue("").isEmpty()) {
        throw ApiException.invalid(type.group(), type.kind(), name, "metadata.resourceVersion", "FieldValueInvalid",
            "Invalid value: 0x0: must be specified for an update");
      }
      return replaceIn(tx, type, current, object, subresource, options);
    }));
  }

  /**
   * PATCH and apply: computes the next state from the current one as the single writer, then stores it like
   * an update. A resourceVersion the mutation leaves in the object is a precondition.
   *
   * @param createIfMissing whether a missing object is created from {@code mutation.apply(null)} (apply)
   */
  public WriteResult mutate(Cluster cluster, ResourceType type, String namespace, String name, String subresource,
      Mutation mutation, boolean createIfMissing, WriteOptions options) {
    String ns = scoped(type, namespace);
    return withDurability(cluster.write(tx -> {
      Entry current = tx.get(type.groupResource(), ns, name);
      if (current == null) {
        if (!createIfMissing || subresource != null) {
          throw ApiException.notFound(type.group(), type.resource(), name);
        }
        ObjectNode created = requireObject(mutation.apply(null), type);
        ObjectNode metadata = Json.child(created, "metadata");
        checkBodyNamespace(type, ns, metadata);
        metadata.remove("resourceVersion");
        metadata.put("name", name);
        return createIn(tx, type, ns, created, options, subresource);
      }
      ObjectNode next = requireObject(mutation.apply(current.object()), type);
      ObjectNode metadata = Json.child(next, "metadata");
      checkBodyNamespace(type, ns, metadata);
      if (!name.equals(metadata.path("name").stringValue(""))) {
        throw ApiException.badRequest("the name of the object (" + metadata.path("name").stringValue("")
            + ") does not match the name on the URL (" + name + ")");
      }
      return replaceIn(tx, type, current, next, subresource, options);
    }));
  }

  /** Changes a stored object from inside a transaction (the sandbox's own controllers). */
  public WriteResult modify(Transaction tx, ResourceType type, Entry current, Mutation mutation,
      WriteOptions options) {
    return replaceIn(tx, type, current, mutation.apply(current.object()), null, options);
  }

  private WriteResult replaceIn(Transaction tx, ResourceType type, Entry current, ObjectNode incoming,
      String subresource, WriteOptions options) {
    ObjectNode old = current.object();
    ObjectNode incomingMetadata = Json.child(incoming, "metadata");
    String version = incomingMetadata.path("resourceVersion").stringValue("");
    if (!version.isEmpty() && !version.equals(Long.toString(current.resourceVersion()))) {
      throw ApiException.staleResourceVersion(type.group(), type.resource(), current.name());
    }
    String uid = incomingMetadata.path("uid").stringValue("");
    if (!uid.isEmpty() && !uid.equals(current.uid())) {
      throw ApiException.conflict(type.group(), type.resource(), current.name(),
          "Precondition failed: UID in precondition: " + uid + ", UID in object meta: " + current.uid());
    }
    Instant now = clock.instant();
    // through /status only the status changes; through the main resource (and /scale) everything else does
    boolean statusOnly = "status".equals(subresource);
    ObjectNode next = statusOnly ? withStatusOf(old, incoming)
        : withSystemFieldsOf(old, incoming, type.statusSubresource());
    if (!statusOnly && !"finalize".equals(subresource)) {
      KindRules.prepareForUpdate(type, next, old, now);
    }
    List<String> warnings = new ArrayList<>();
    validate(type, next, options, warnings);
    checkFinalizersWhileDeleting(type, current, next);
    if (type.tracksGeneration()) {
      long generation = old.path("metadata").path("generation").asLong(1);
      Json.child(next, "metadata").put("generation", specChanged(old, next) ? generation + 1 : generation);
    }
    hooks.trackUpdate(type, old, next, subresource, options, now);
    return commit(tx, type, next, current, options, warnings);
  }

  /** The incoming object with the fields only the server sets copied from the stored one. */
  private static ObjectNode withSystemFieldsOf(ObjectNode old, ObjectNode incoming, boolean keepStatus) {
    ObjectNode next = incoming;
    ObjectNode metadata = Json.child(next, "metadata");
    JsonNode oldMetadata = old.path("metadata");
    for (String field : List.of("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
        "generation", "namespace", "name")) {
      JsonNode value = oldMetadata.get(field);
      if (value == null) {
        metadata.remove(field);
      } else {
        metadata.set(field, value);
      }
    }
    metadata.remove("selfLink");
    if (!metadata.has("managedFields") && oldMetadata.has("managedFields")) {
      metadata.set("managedFields", oldMetadata.get("managedFields"));
    }
    if (keepStatus) {
      JsonNode status = old.get("status");
      if (status == null) {
        next.remove("status");
      } else {
        next.set("status", status);
      }
    }
    return next;
  }

  /** The stored object with only its status taken from the incoming one (the status subresource). */
  private static ObjectNode withStatusOf(ObjectNode old, ObjectNode incoming) {
    ObjectNode next = old.deepCopy();
    JsonNode status = incoming.get("status");
    if (status == null || status.isNull()) {
      next.remove("status");
    } else {
      next.set("status", status);
    }
    JsonNode managedFields = incoming.path("metadata").get("managedFields");
    if (managedFields != null) {
      Json.child(next, "metadata").set("managedFields", managedFields);
    }
    return next;
  }

  private static boolean specChanged(ObjectNode old, ObjectNode next) {
    Set<String> fields = new LinkedHashSet<>(old.propertyNames());
    fields.addAll(next.propertyNames());
    for (String field : fields) {
      if (field.equals("metadata") || field.equals("status") || field.equals("apiVersion") || field.equals("kind")) {
        continue;
      }
      if (!Objects.equals(old.get(field), next.get(field))) {
        return true;
      }
    }
    return false;
  }

  private static void checkFinalizersWhileDeleting(ResourceType type, Entry current, ObjectNode next) {
    if (!current.deleting()) {
      return;
    }
    for (JsonNode finalizer : next.path("metadata").path("finalizers")) {
      if (!current.finalizers().contains(finalizer.stringValue(""))) {
        throw ApiException.invalid(type.group(), type.kind(), current.name(), "metadata.finalizers", "FieldValueForbidden",
            "Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers [\""
                + finalizer.stringValue("") + "\"]");
      }
    }
  }

  // ---------------------------------------------------------------- delete

  public WriteResult delete(Cluster cluster, ResourceType type, String namespace, String name,
      DeleteOptions options) {
    String ns = scoped(type, namespace);
    return withDurability(cluster.write(tx -> {
      Entry current = tx.get(type.groupResource(), ns, name);
      if (current == null) {
        throw ApiException.notFound(type.group(), type.resource(), name);
      }
      return deleteIn(tx, type, current, options);
    }));
  }

  /** Deletes every object of a list (deletecollection); returns the individual results. */
  public List<WriteResult> deleteCollection(Cluster cluster, ResourceType type, String namespace,
      ListOptions selection, DeleteOptions options) {
    List<WriteResult> results = new ArrayList<>();
    for (Entry entry : list(cluster, type, namespace, new ListOptions(selection.labels(), selection.fields(), 0, null))
        .items()) {
      try {
        results.add(delete(cluster, type, entry.namespace(), entry.name(), options));
      } catch (ApiException e) {
        if (e.code() != 404) {
          throw e;
        }
      }
    }
    return results;
  }

  /**
   * Starts or completes the deletion of a stored object. Without finalizers it is removed at once; otherwise
   * it gets a deletionTimestamp (plus the finalizer of the propagation policy) and stays until they are gone.
   */
  public WriteResult deleteIn(Transaction tx, ResourceType type, Entry current, DeleteOptions options) {
    if (options.preconditionUid() != null && !options.preconditionUid().equals(current.uid())) {
      throw ApiException.conflict(type.group(), type.resource(), current.name(), "Precondition failed: UID in "
          + "precondition: " + options.preconditionUid() + ", UID in object meta: " + current.uid());
    }
    if (options.preconditionResourceVersion() != null
        && !options.preconditionResourceVersion().equals(Long.toString(current.resourceVersion()))) {
      throw ApiException.conflict(type.group(), type.resource(), current.name(), "Precondition failed: "
          + "ResourceVersion in precondition: " + options.preconditionResourceVersion()
          + ", ResourceVersion in object meta: " + current.resourceVersion());
    }
    ObjectNode object = current.object();
    ObjectNode metadata = Json.child(object, "metadata");
    List<String> finalizers = new ArrayList<>(current.finalizers());
    PropagationPolicy policy = options.propagationPolicy();
    if (policy != null) {
      finalizers.remove(FOREGROUND_FINALIZER);
      finalizers.remove(ORPHAN_FINALIZER);
      if (policy == PropagationPolicy.FOREGROUND) {
        finalizers.add(FOREGROUND_FINALIZER);
      } else if (policy == PropagationPolicy.ORPHAN) {
        finalizers.add(ORPHAN_FINALIZER);
      }
    }
    if (finalizers.isEmpty() && !holdsNamespaceFinalizer(type, object)) {
      WriteResult removed = options.dryRun() ? dryRunResult(type, object, List.of())
          : removeIn(tx, type, object);
      return removed;
    }
    boolean changed = !finalizers.equals(current.finalizers()) || !current.deleting();
    if (!changed) {
      return unchanged(current);
    }
    ArrayNode finalizerArray = metadata.putArray("finalizers");
    finalizers.forEach(finalizerArray::add);
    if (!current.deleting()) {
      metadata.put("deletionTimestamp", Json.timestamp(clock.instant()));
      metadata.put("deletionGracePeriodSeconds", 0);
      if (type.tracksGeneration()) {
        metadata.put("generation", metadata.path("generation").asLong(1) + 1);
      }
      if (type.is("", "namespaces")) {
        Json.child(object, "status").put("phase", "Terminating");
      } else if (type.equals(BuiltinResources.CUSTOM_RESOURCE_DEFINITIONS)) {
        CustomResourceDefinitions.establish(object, object.path("status"), clock.instant());
      }
    }
    if (options.dryRun()) {
      return dryRunResult(type, object, List.of());
    }
    Entry entry = tx.put(type.groupResource(), object);
    return new WriteResult(entry, false, false, List.of(), null);
  }

  /**
   * Removes a namespace's {@code kubernetes} finalizer once it is empty (the namespace controller's last
   * step), which removes the namespace when nothing else holds it.
   */
  public WriteResult finalizeNamespace(Transaction tx, Entry namespace) {
    ObjectNode object = namespace.object();
    ArrayNode remaining = Json.array();
    for (JsonNode finalizer : object.path("spec").path("finalizers")) {
      if (!KindRules.NAMESPACE_FINALIZER.equals(finalizer.stringValue(null))) {
        remaining.add(finalizer);
      }
    }
    Json.child(object, "spec").set("finalizers", remaining);
    return commit(tx, BuiltinResources.NAMESPACES, object, namespace, WriteOptions.system("namespace-controller"),
        List.of());
  }

  private WriteResult removeIn(Transaction tx, ResourceType type, ObjectNode finalState) {
    Entry removed = tx.remove(type.groupResource(), finalState);
    afterCommit(tx, type, removed, true);
    return new WriteResult(removed, false, true, List.of(), null);
  }

  private static boolean holdsNamespaceFinalizer(ResourceType type, JsonNode object) {
    return type.is("", "namespaces") && object.path("spec").path("finalizers").size() > 0;
  }

  // ---------------------------------------------------------------- shared write steps

  private void validate(ResourceType type, ObjectNode object, WriteOptions options, List<String> warnings) {
    List<StatusCause> causes = new ArrayList<>(MetadataRules.validate(type, object.path("metadata")));
    causes.addAll(KindRules.validate(type, object));
    if (type.isCustom()) {
      causes.addAll(hooks.validateCustom(type, object, options, warnings));
    }
    if (!causes.isEmpty()) {
      throw ApiException.invalid(type.group(), type.kind(), Json.text(object.path("metadata"), "name"), causes);
    }
  }

  /** Stores {@code next} unless it equals the current version; removes it if its deletion is complete. */
  private WriteResult commit(Transaction tx, ResourceType type, ObjectNode next, Entry current,
      WriteOptions options, List<String> warnings) {
    ObjectNode metadata = Json.child(next, "metadata");
    boolean deleting = metadata.hasNonNull("deletionTimestamp");
    boolean finalizersDone = metadata.path("finalizers").isEmpty() && !holdsNamespaceFinalizer(type, next);
    if (current != null) {
      metadata.put("resourceVersion", Long.toString(current.resourceVersion()));
      // By value, as the API server compares: an apply's numbers may be of another node type than the stored ones.
      if (!(deleting && finalizersDone) && JsonValues.equal(next, current.object())) {
        return unchanged(current);
      }
    }
    if (options.dryRun()) {
      return dryRunResult(type, next, warnings);
    }
    if (current != null && deleting && finalizersDone) {
      return removeIn(tx, type, next);
    }
    Entry entry = tx.put(type.groupResource(), next);
    afterCommit(tx, type, entry, false);
    return new WriteResult(entry, current == null, false, List.copyOf(warnings), null);
  }

  private static WriteResult unchanged(Entry current) {
    return new WriteResult(current, false, false, List.of(), null);
  }

  private static WriteResult dryRunResult(ResourceType type, ObjectNode object, List<String> warnings) {
    return new WriteResult(Entry.of(type.groupResource(), object, Json.bytes(object)), false, false,
        List.copyOf(warnings), null);
  }

  /** Keeps the served resource types in step with the stored CRDs. */
  private static void afterCommit(Transaction tx, ResourceType type, Entry entry, boolean removed) {
    if (!type.equals(BuiltinResources.CUSTOM_RESOURCE_DEFINITIONS)) {
      return;
    }
    if (removed) {
      ResourceCatalog.of(tx.cluster()).removeCustom(entry.name());
    } else {
      ResourceCatalog.of(tx.cluster()).putCustom(entry.name(), CustomResourceDefinitions.servedTypes(entry.object()));
    }
  }

  private static WriteResult withDurability(Committed<WriteResult> committed) {
    WriteResult result = committed.value();
    CompletableFuture<Void> durable = committed.durable();
    return new WriteResult(result.object(), result.created(), result.removed(), result.warnings(), durable);
  }

  // ---------------------------------------------------------------- request checks

  private static String scoped(ResourceType type, String namespace) {
    return type.namespaced() && namespace != null ? namespace : "";
  }

  /** The body as an object whose kind and apiVersion fit the URL. */
  private static ObjectNode requireObject(JsonNode body, ResourceType type) {
    if (!(body instanceof ObjectNode object)) {
      throw ApiException.badRequest("the body of the request must be a JSON object");
    }
    String kind = object.path("kind").stringValue("");
    String apiVersion = object.path("apiVersion").stringValue("");
    if (kind.isEmpty()) {
      throw ApiException.badRequest("Object 'Kind' is missing in the request body");
    }
    if (apiVersion.isEmpty()) {
      throw ApiException.badRequest("Object 'apiVersion' is missing in the request body");
    }
    if (!kind.equals(type.kind()) || !apiVersion.equals(type.apiVersion())) {
      throw ApiException.badRequest("the API version in the data (" + apiVersion + ") and kind (" + kind
          + ") do not match the expected " + type.apiVersion() + ", Kind=" + type.kind());
    }
    if (object.has("metadata") && !object.get("metadata").isObject()) {
      throw ApiException.badRequest("metadata must be an object");
    }
    return object;
  }

  private static void checkBodyNamespace(ResourceType type, String ns, ObjectNode metadata) {
    if (!type.namespaced()) {
      metadata.remove("namespace");
      return;
    }
    String bodyNamespace = metadata.path("namespace").stringValue("");
    if (!bodyNamespace.isEmpty() && !bodyNamespace.equals(ns)) {
      throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on "
          + "the request");
    }
    if (ns.isEmpty()) {
      throw ApiException.badRequest("a namespaced object needs a namespace in the request path");
    }
    metadata.put("namespace", ns);
  }

  private static void requireWritableNamespace(Transaction tx, ResourceType type, String ns, JsonNode metadata) {
    if (!type.namespaced()) {
      return;
    }
    Entry namespace = tx.get(BuiltinResources.NAMESPACES.groupResource(), "", ns);
    if (namespace == null) {
      throw ApiException.notFound("", "namespaces", ns);
    }
    if (namespace.deleting()) {
      throw ApiException.forbidden(type.group(), type.resource(), metadata.path("name").stringValue(""),
          "unable to create new content in namespace " + ns + " because it is being terminated");
    }
  }

  private static void requireServedCustomResource(Transaction tx, ResourceType type) {
    if (!type.isCustom()) {
      return;
    }
    Entry crd = tx.get(BuiltinResources.CUSTOM_RESOURCE_DEFINITIONS.groupResource(), "", type.custom().crdName());
    if (crd == null || crd.deleting()) {
      throw ApiException.methodNotAllowed("create not allowed while custom resource definition is terminating");
    }
  }

  /** The opaque {@code continue} token: where the previous page ended. */
  record ContinueToken(long resourceVersion, String afterKey) {
    String encode() {
      ObjectNode token = Json.object();
      token.put("rv", resourceVersion);
      token.put("start", afterKey);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(token));
    }

    static ContinueToken decode(String text) {
      try {
        JsonNode token = Json.parse(Base64.getUrlDecoder().decode(text));
        String start = token.path("start").stringValue(null);
        if (start == null) {
          throw new IllegalArgumentException("no start");
        }
        return new ContinueToken(token.path("rv").asLong(), start);
      } catch (IllegalArgumentException | JacksonException e) {
        throw ApiException.badRequest("continue key is not valid: " + text);
      }
    }
  }
}
