package dev.fulcrum.sandbox.patch;

import dev.fulcrum.sandbox.patch.ApplyConflictException.Conflict;
import dev.fulcrum.sandbox.patch.ManagedFields.Entry;
import dev.fulcrum.sandbox.patch.ManagedFields.Manager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-side apply ({@code application/apply-patch+yaml}) and field ownership for every other write, with
 * {@code metadata.managedFields} in the {@code FieldsV1} format — the semantics of kube-apiserver's field manager
 * (structured-merge-diff), re-implemented over Jackson trees.
 *
 * <h2>Apply</h2>
 * {@link #apply} merges the applied configuration (the manager's complete intent) into the live object: leaves the body
 * sets win, objects merge member by member, lists merge per {@link ListSemantics} (map lists by key, sets by value,
 * atomic lists replaced). The manager then owns exactly the fields in its body. A field whose value changes while
 * another manager owns it is a conflict ({@link ApplyConflictException}, 409) unless {@code force}, which moves the
 * ownership; applying the same value shares it. A field the manager applied before and omits now is removed if no
 * other manager owns it (then parents left empty are removed too), otherwise only its ownership is dropped.
 *
 * <h2>Other writes</h2>
 * {@link #recordUpdate} compares the object before and after a create, update or non-apply patch and gives the changed
 * fields to an {@code Update} entry of the writing manager, taking them from everyone else. Updates never conflict.
 *
 * <h2>Ignored fields</h2>
 * Never owned: {@code apiVersion}, {@code kind}, {@code metadata.name}, {@code namespace}, {@code uid},
 * {@code resourceVersion}, {@code generation}, {@code creationTimestamp}, {@code deletionTimestamp},
 * {@code deletionGracePeriodSeconds}, {@code selfLink}, {@code managedFields}. An applied body's system metadata
 * ({@code uid}, {@code resourceVersion}, timestamps, {@code generation}) is not merged: preconditions such as
 * {@code resourceVersion} are the caller's to check from the request body. For a kind with a status subresource,
 * {@code status} is ignored on the main resource and is the only thing a {@code status}-subresource write touches.
 *
 * <h2>Differences from upstream (documented, deliberate)</h2>
 * No version conversion: entries of other apiVersions are compared as if the schema were the same. Update managers
 * are not capped at 10 ({@code ancient-changes}).
 *
 * <h2>Upstream behaviours kept</h2>
 * An object that has no {@code managedFields} when first applied to gets a {@code before-first-apply} Update entry
 * owning all its fields. For the manager {@code kubectl} ({@code kubectl apply --server-side}), conflicts on fields whose
 * live value still equals the {@code kubectl.kubernetes.io/last-applied-configuration} annotation are forced (the
 * client-side to server-side apply upgrade), and an existing annotation is rewritten to the applied configuration.
 *
 * <p>All methods are pure (inputs are not modified) and thread-safe. A no-op apply returns an object
 * {@linkplain JsonValues#equal equal} to the live one, so callers can skip the write and keep the resourceVersion.
 */
public final class ServerSideApply {

    /** The manager that owns the fields an object had when it was first applied to without any managedFields. */
    public static final String BEFORE_FIRST_APPLY = "before-first-apply";

    private static final String STATUS = "status";
    private static final String KUBECTL = "kubectl";
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    private static final int MAX_MANAGER_LENGTH = 128;

    /** Metadata the server owns: never merged from an applied body and never part of anyone's field set. */
    private static final Set<String> SYSTEM_METADATA = Set.of("uid", "resourceVersion", "generation",
            "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink", "managedFields");

    private ServerSideApply() {}

    /**
     * Applies a configuration.
     *
     * @param liveOrNull the stored object, or {@code null} when the apply creates it
     * @param applied the request body (already decoded from YAML/JSON)
     * @param options manager, force, apiVersion, subresource, semantics, time
     * @return the new object, including {@code metadata.managedFields}; system metadata (uid, resourceVersion, …)
     *     comes from the live object and is the caller's to fill on create
     * @throws PatchException 422 without a field manager; 400 when the body carries {@code managedFields}, lacks
     *     {@code kind} or names another apiVersion
     * @throws ApplyConflictException 409 on conflicts without {@code force}
     */
    public static ObjectNode apply(ObjectNode liveOrNull, ObjectNode applied, ApplyOptions options) {
        Objects.requireNonNull(applied, "applied");
        Objects.requireNonNull(options, "options");
        validate(applied, options);
        Outcome outcome = merge(liveOrNull, applied, options, options.force());
        if (!outcome.conflicts().isEmpty() && KUBECTL.equals(options.manager()) && liveOrNull != null) {
            // kubectl upgrading from client-side apply: conflicts on fields whose live value is still what the
            // last-applied annotation says are the user's own and are forced, as upstream does.
            FieldSet allowed = lastAppliedFields(liveOrNull, options);
            Map<Entry, FieldSet> remaining = new LinkedHashMap<>();
            outcome.conflicts().forEach((entry, fields) -> {
                FieldSet left = fields.difference(allowed);
                if (!left.isEmpty()) {
                    remaining.put(entry, left);
                }
            });
            if (remaining.isEmpty()) {
                outcome = merge(liveOrNull, applied, options, true);
            } else {
                throw conflictError(remaining);
            }
        }
        if (!outcome.conflicts().isEmpty()) {
            throw conflictError(outcome.conflicts());
        }
        if (KUBECTL.equals(options.manager())) {
            refreshLastApplied(outcome.object(), applied);
        }
        return outcome.object();
    }

    /** The merged object, or the conflicts that stop it (only without force). */
    private record Outcome(ObjectNode object, Map<Entry, FieldSet> conflicts) {}

    private static Outcome merge(ObjectNode liveOrNull, ObjectNode applied, ApplyOptions options, boolean force) {
        Instant now = options.now() != null ? options.now() : Instant.now();
        ListSemantics semantics = semantics(options.listSemantics(), applied);
        Scope scope = Scope.of(options.subresource(), options.statusSubresource());

        ObjectNode live = liveOrNull == null ? JsonValues.NODES.objectNode() : withoutManagedFields(liveOrNull);
        ManagedFields managers = liveOrNull == null
                ? new ManagedFields()
                : ManagedFields.decodeOrEmpty(liveOrNull.path("metadata").get("managedFields"));
        if (liveOrNull != null && managers.isEmpty()) {
            record(managers, JsonValues.NODES.objectNode(), live,
                    Manager.updater(BEFORE_FIRST_APPLY, options.apiVersion(), options.subresource()),
                    options.apiVersion(), now, semantics, scope);
        }

        ObjectNode config = scope.configuration(applied);
        ObjectNode merged = (ObjectNode) TypedValues.merge(live, config, semantics);
        Manager applier = Manager.applier(options.manager(), options.subresource());
        Entry previous = managers.get(applier);
        managers.put(new Entry(applier, options.apiVersion(), previous == null ? null : previous.time,
                scope.filter(TypedValues.toFieldSet(config, semantics))));
        if (previous != null) {
            prune(merged, previous.fields, managers.owned());
        }

        TypedValues.Comparison diff = TypedValues.compare(live, merged, semantics).filtered(scope::filter);
        FieldSet changed = diff.added().union(diff.modified());
        Map<Entry, FieldSet> conflicts = new LinkedHashMap<>();
        for (Entry entry : managers.entries()) {
            if (!entry.manager.equals(applier)) {
                FieldSet conflicting = entry.fields.intersection(changed);
                if (!conflicting.isEmpty()) {
                    conflicts.put(entry, conflicting);
                }
            }
        }
        if (!conflicts.isEmpty() && !force) {
            return new Outcome(null, conflicts);
        }
        for (Entry entry : managers.entries()) {
            if (!entry.manager.equals(applier)) {
                FieldSet lost = conflicts.getOrDefault(entry, new FieldSet());
                entry.fields = entry.fields.difference(lost).difference(diff.removed());
            }
        }
        managers.dropEmpty();
        Entry mine = managers.get(applier);
        if (mine != null && (mine.time == null || !JsonValues.equal(live, merged))) {
            mine.time = ManagedFields.timestamp(now);
        }
        setManagedFields(merged, managers);
        return new Outcome(merged, Map.of());
    }

    /**
     * The fields of the {@code kubectl.kubernetes.io/last-applied-configuration} annotation whose values the live
     * object still has: what client-side apply owned on the user's behalf.
     */
    private static FieldSet lastAppliedFields(ObjectNode live, ApplyOptions options) {
        JsonNode annotation = live.path("metadata").path("annotations").get(LAST_APPLIED);
        if (annotation == null || !annotation.isString() || annotation.stringValue().isEmpty()) {
            return new FieldSet();
        }
        JsonNode lastApplied;
        try {
            lastApplied = JsonValues.MAPPER.readTree(annotation.stringValue());
        } catch (tools.jackson.core.JacksonException e) {
            return new FieldSet();
        }
        if (!lastApplied.isObject() || !options.apiVersion().equals(lastApplied.path("apiVersion").asString(""))) {
            return new FieldSet();
        }
        ListSemantics semantics = semantics(options.listSemantics(), lastApplied);
        TypedValues.Comparison diff = TypedValues.compare(lastApplied, withoutManagedFields(live), semantics);
        return TypedValues.toFieldSet(lastApplied, semantics)
                .difference(diff.modified()).difference(diff.added()).difference(diff.removed());
    }

    /** Keeps an existing last-applied annotation in step with what kubectl applies server-side, as upstream does. */
    private static void refreshLastApplied(ObjectNode object, ObjectNode applied) {
        JsonNode annotations = object.path("metadata").get("annotations");
        JsonNode current = annotations == null ? null : annotations.get(LAST_APPLIED);
        if (current == null || !current.isString() || current.stringValue().isEmpty()) {
            return;
        }
        ObjectNode config = applied.deepCopy();
        JsonNode configAnnotations = config.path("metadata").get("annotations");
        if (configAnnotations != null && configAnnotations.isObject()) {
            ((ObjectNode) configAnnotations).remove(LAST_APPLIED);
            if (configAnnotations.isEmpty()) {
                ((ObjectNode) config.get("metadata")).remove("annotations");
            }
        }
        ((ObjectNode) annotations).put(LAST_APPLIED, JsonValues.canonical(config));
    }

    private static ListSemantics semantics(ListSemantics given, JsonNode object) {
        return given != null ? given : ListSemantics.forObject(object);
    }

    /**
     * Records ownership for a non-apply write, as the API server does for POST, PUT and merge/JSON/strategic PATCH.
     *
     * <p>Which ownership is the starting point: for the main resource, {@code managedFields} sent in {@code after}
     * when they decode to at least one entry (an empty list, or a list holding one empty entry, clears ownership);
     * otherwise, and always for subresources, those of {@code before}.
     *
     * @param before the stored object, or {@code null} on create
     * @param after the object about to be stored
     * @param options manager, apiVersion, subresource, semantics, time
     * @return a copy of {@code after} with updated {@code metadata.managedFields} (removed when nobody owns anything)
     */
    public static ObjectNode recordUpdate(ObjectNode before, ObjectNode after, UpdateOptions options) {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(options, "options");
        if (options.manager() == null || options.manager().isBlank()) {
            throw new IllegalArgumentException("a field manager is required to record an update");
        }
        Instant now = options.now() != null ? options.now() : Instant.now();
        ListSemantics semantics = semantics(options.listSemantics(), after);
        Scope scope = Scope.of(options.subresource(), options.statusSubresource());
        ManagedFields managers = startingOwnership(before, after, options.subresource());
        ObjectNode beforeObject = before == null ? JsonValues.NODES.objectNode() : withoutManagedFields(before);
        ObjectNode result = withoutManagedFields(after);
        record(managers, beforeObject, result,
                Manager.updater(options.manager(), options.apiVersion(), options.subresource()),
                options.apiVersion(), now, semantics, scope);
        setManagedFields(result, managers);
        return result;
    }

    /**
     * {@link #recordUpdate(ObjectNode, ObjectNode, UpdateOptions)} for a kind with a status subresource, with list
     * semantics from {@link ListSemantics#forObject} (built-in table, or the custom-resource default).
     */
    public static ObjectNode recordUpdate(ObjectNode before, ObjectNode after, String manager, String apiVersion,
            String subresourceOrNull, Instant now) {
        return recordUpdate(before, after,
                UpdateOptions.of(manager, apiVersion).withSubresource(subresourceOrNull).withNow(now));
    }

    private static void validate(ObjectNode applied, ApplyOptions options) {
        String manager = options.manager();
        if (manager == null || manager.isBlank()) {
            throw new PatchException(422,
                    "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        }
        if (manager.length() > MAX_MANAGER_LENGTH) {
            throw new PatchException(422, "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Too long: may not be "
                    + "more than " + MAX_MANAGER_LENGTH + " bytes");
        }
        JsonNode managedFields = applied.path("metadata").get("managedFields");
        if (managedFields != null && !managedFields.isNull()) {
            throw PatchException.badRequest("metadata.managedFields must be nil");
        }
        String version = applied.path("apiVersion").asString("");
        if (!version.equals(options.apiVersion())) {
            throw PatchException.badRequest("Incorrect version specified in apply patch. Specified patch version: "
                    + version + ", expected: " + options.apiVersion());
        }
        if (applied.path("kind").asString("").isEmpty()) {
            throw PatchException.badRequest("Object 'Kind' is missing in the apply patch");
        }
    }

    /** Gives the fields changed between two objects to {@code manager}, taking them from everyone else. */
    private static void record(ManagedFields managers, ObjectNode before, ObjectNode after, Manager manager,
            String apiVersion, Instant now, ListSemantics semantics, Scope scope) {
        TypedValues.Comparison diff = TypedValues.compare(before, after, semantics).filtered(scope::filter);
        FieldSet changed = diff.added().union(diff.modified());
        for (Entry entry : managers.entries()) {
            entry.fields = entry.fields.difference(changed).difference(diff.removed());
        }
        if (!changed.isEmpty()) {
            Entry existing = managers.get(manager);
            FieldSet fields = existing == null ? changed : existing.fields.union(changed);
            managers.put(new Entry(manager, apiVersion, ManagedFields.timestamp(now), fields));
        }
        managers.dropEmpty();
    }

    private static ManagedFields startingOwnership(ObjectNode before, ObjectNode after, String subresource) {
        JsonNode sent = after.path("metadata").get("managedFields");
        if (subresource == null && sent != null && sent.isArray()) {
            if (sent.isEmpty() || (sent.size() == 1 && sent.get(0).isObject() && sent.get(0).isEmpty())) {
                return new ManagedFields();
            }
            ManagedFields decoded = ManagedFields.decodeOrEmpty(sent);
            if (!decoded.isEmpty()) {
                return decoded;
            }
        }
        return before == null
                ? new ManagedFields()
                : ManagedFields.decodeOrEmpty(before.path("metadata").get("managedFields"));
    }

    /**
     * Removes from {@code merged} what the applier owned last time, omits now, and nobody else owns; then removes
     * containers this left empty unless someone owns them. Key fields of surviving list elements always stay.
     */
    private static void prune(ObjectNode merged, FieldSet lastSet, FieldSet owned) {
        List<List<PathElement>> removed = new ArrayList<>();
        for (List<PathElement> path : lastSet.difference(owned).paths()) {
            FieldSet below = owned.at(path);
            if ((below != null && !below.isEmpty()) || isKeyField(path)) {
                continue;
            }
            if (TypedValues.remove(merged, path)) {
                removed.add(path);
            }
        }
        Set<List<PathElement>> parents = new HashSet<>();
        for (List<PathElement> path : removed) {
            for (int length = 1; length < path.size(); length++) {
                parents.add(path.subList(0, length));
            }
        }
        List<List<PathElement>> deepestFirst = new ArrayList<>(parents);
        deepestFirst.sort(Comparator.comparingInt((List<PathElement> p) -> p.size()).reversed());
        for (List<PathElement> parent : deepestFirst) {
            JsonNode node = TypedValues.get(merged, parent);
            boolean isMetadata = parent.size() == 1 && parent.get(0).equals(new PathElement.Field("metadata"));
            if (node != null && node.isContainer() && node.isEmpty() && !owned.has(parent) && !isMetadata) {
                TypedValues.remove(merged, parent);
            }
        }
    }

    private static boolean isKeyField(List<PathElement> path) {
        if (path.size() < 2) {
            return false;
        }
        return path.get(path.size() - 1) instanceof PathElement.Field field
                && path.get(path.size() - 2) instanceof PathElement.Key key
                && key.fields().containsKey(field.name());
    }

    private static ApplyConflictException conflictError(Map<Entry, FieldSet> conflicts) {
        List<Map.Entry<Entry, FieldSet>> byManager = new ArrayList<>(conflicts.entrySet());
        byManager.sort(Comparator.comparing(e -> e.getKey().manager.identifier()));
        List<Conflict> causes = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (Map.Entry<Entry, FieldSet> e : byManager) {
            String manager = e.getKey().manager.display();
            lines.add("conflicts with " + manager + ":");
            for (List<PathElement> path : e.getValue().paths()) {
                String field = FieldSet.render(path);
                causes.add(new Conflict(manager, field));
                lines.add("- " + field);
            }
        }
        String message = causes.size() == 1
                ? "Apply failed with 1 conflict: conflict with " + causes.get(0).manager() + ": " + causes.get(0).field()
                : "Apply failed with " + causes.size() + " conflicts: " + String.join("\n", lines);
        return new ApplyConflictException(message, causes);
    }

    private static ObjectNode withoutManagedFields(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        JsonNode metadata = copy.get("metadata");
        if (metadata != null && metadata.isObject()) {
            ((ObjectNode) metadata).remove("managedFields");
        }
        return copy;
    }

    private static void setManagedFields(ObjectNode object, ManagedFields managers) {
        JsonNode metadata = object.get("metadata");
        if (managers.isEmpty()) {
            if (metadata != null && metadata.isObject()) {
                ((ObjectNode) metadata).remove("managedFields");
            }
            return;
        }
        ObjectNode meta = metadata != null && metadata.isObject() ? (ObjectNode) metadata : object.putObject("metadata");
        meta.set("managedFields", managers.encode());
    }

    /** Which part of the object a request may touch and own. */
    private record Scope(boolean statusOnly, boolean withoutStatus) {

        /** The paths nobody owns (structured-merge-diff's stripMeta set, plus deletion metadata). */
        private static final FieldSet STRIPPED = stripped();

        static Scope of(String subresource, boolean statusSubresource) {
            if (subresource != null && !STATUS.equals(subresource)) {
                throw new IllegalArgumentException("unsupported subresource for field management: " + subresource);
            }
            return new Scope(subresource != null, subresource == null && statusSubresource);
        }

        private static FieldSet stripped() {
            FieldSet set = new FieldSet();
            PathElement metadata = new PathElement.Field("metadata");
            set.insert(List.of(new PathElement.Field("apiVersion")));
            set.insert(List.of(new PathElement.Field("kind")));
            set.insert(List.of(metadata));
            for (String name : List.of("name", "namespace")) {
                set.insert(List.of(metadata, new PathElement.Field(name)));
            }
            for (String name : SYSTEM_METADATA) {
                set.insert(List.of(metadata, new PathElement.Field(name)));
            }
            return set;
        }

        FieldSet filter(FieldSet fields) {
            FieldSet kept = fields.difference(STRIPPED);
            PathElement status = new PathElement.Field(STATUS);
            if (statusOnly) {
                return kept.onlySubtree(status);
            }
            return withoutStatus ? kept.withoutSubtree(status) : kept;
        }

        /** The part of an applied body that is merged: system metadata dropped, status per subresource. */
        ObjectNode configuration(ObjectNode applied) {
            ObjectNode config = applied.deepCopy();
            JsonNode metadata = config.get("metadata");
            if (metadata != null && metadata.isObject()) {
                ((ObjectNode) metadata).remove(SYSTEM_METADATA);
            }
            if (statusOnly) {
                config.retain("apiVersion", "kind", STATUS);
            } else if (withoutStatus) {
                config.remove(STATUS);
            }
            return config;
        }
    }
}
