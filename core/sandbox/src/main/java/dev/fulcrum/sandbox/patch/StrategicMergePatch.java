package dev.fulcrum.sandbox.patch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Strategic merge patch ({@code application/strategic-merge-patch+json}) for the built-in kinds in
 * {@link BuiltinTypes}, as kubectl sends it ({@code kubectl apply} client-side, {@code kubectl patch}, CAPI's node
 * patches).
 *
 * <p>Like a JSON merge patch, except for lists: a list with a patch merge key (containers by {@code name}, ports by
 * {@code containerPort}, conditions by {@code type}, …) merges element by element, new elements appended; a list of
 * scalars with the merge strategy (finalizers) is unioned; every other list is replaced. Directives:
 * <ul>
 *   <li>{@code $patch: replace} in an object replaces it whole; as a list element, replaces the whole list with the
 *       other elements; {@code $patch: delete} in an object deletes it, as a merge-keyed list element deletes the
 *       element with that key; {@code $patch: merge} is the default;</li>
 *   <li>{@code $retainKeys: [..]} keeps only the listed keys of the merged object;</li>
 *   <li>{@code $deleteFromPrimitiveList/<field>: [..]} removes those values from a scalar list;</li>
 *   <li>{@code $setElementOrder/<field>: [..]} gives the order of the elements it names; elements only the live
 *       object has keep their live order and are interleaved by live position, as upstream does (without the
 *       directive the patch list gives the order).</li>
 * </ul>
 * A custom resource gets {@code 415}, as from kube-apiserver: the caller returns the exception's status and message.
 * Malformed directives are {@code 400}. Inputs are never modified.
 */
public final class StrategicMergePatch {

    private static final String PATCH = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String SET_ELEMENT_ORDER = "$setElementOrder/";
    private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

    private StrategicMergePatch() {}

    /**
     * Applies a strategic merge patch to an object, taking its group and kind from the object's {@code apiVersion} and
     * {@code kind}.
     *
     * @throws PatchException 415 for a kind that is not built in, 400 for a malformed patch
     */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        String apiVersion = JsonValues.absent(target) ? "" : target.path("apiVersion").asString("");
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return apply(target, patch, group, JsonValues.absent(target) ? "" : target.path("kind").asString(""));
    }

    /**
     * Applies a strategic merge patch.
     *
     * @param target the stored object
     * @param patch the patch, a JSON object
     * @param group the API group of the object ({@code ""} for core)
     * @param kind the kind of the object
     * @return the patched object (a new tree)
     * @throws PatchException 415 for a kind that is not built in, 400 for a malformed patch
     */
    public static JsonNode apply(JsonNode target, JsonNode patch, String group, String kind) {
        TypeNode type = BuiltinTypes.typeOf(group, kind).orElseThrow(() -> new PatchException(415,
                "the body of the request was in an unknown format - accepted media types include: "
                        + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"));
        if (JsonValues.absent(patch) || !patch.isObject()) {
            throw PatchException.badRequest("a strategic merge patch must be a JSON object");
        }
        ObjectNode original = !JsonValues.absent(target) && target.isObject() ? (ObjectNode) target : null;
        ObjectNode result = mergeObject(original, (ObjectNode) patch, type, "");
        return result == null ? JsonValues.NODES.objectNode() : result;
    }

    /** @return the merged object, or {@code null} when the patch deletes it */
    private static ObjectNode mergeObject(ObjectNode original, ObjectNode patch, TypeNode type, String path) {
        JsonNode directive = patch.get(PATCH);
        String mode = directive == null ? "merge" : directive.asString("");
        switch (mode) {
            case "delete":
                return null;
            case "replace":
                return mergeObject(null, patch.deepCopy().without(PATCH), type, path);
            case "merge":
                break;
            default:
                throw PatchException.badRequest("unknown patch type: " + mode + " in map at " + display(path));
        }
        ObjectNode result = original == null ? JsonValues.NODES.objectNode() : original.deepCopy();
        Map<String, JsonNode> order = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            String key = e.getKey();
            if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                deleteFromPrimitiveList(result, key.substring(DELETE_FROM_PRIMITIVE_LIST.length()), e.getValue(), path);
            } else if (key.startsWith(SET_ELEMENT_ORDER)) {
                if (!e.getValue().isArray()) {
                    throw PatchException.badRequest(key + " must be a list at " + display(path));
                }
                order.put(key.substring(SET_ELEMENT_ORDER.length()), e.getValue());
            }
        }
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            String key = e.getKey();
            if (key.startsWith("$")) {
                continue;
            }
            JsonNode value = e.getValue();
            String childPath = path.isEmpty() ? key : path + "." + key;
            TypeNode child = type.member(key);
            if (value.isNull()) {
                result.remove(key);
            } else if (value.isObject()) {
                JsonNode current = result.get(key);
                ObjectNode merged = mergeObject(current != null && current.isObject() ? (ObjectNode) current : null,
                        (ObjectNode) value, child, childPath);
                if (merged == null) {
                    result.remove(key);
                } else {
                    result.set(key, merged);
                }
            } else if (value.isArray()) {
                result.set(key, mergeList(result.get(key), (ArrayNode) value, order.get(key), child, childPath));
            } else {
                result.set(key, value.deepCopy());
            }
        }
        for (Map.Entry<String, JsonNode> e : order.entrySet()) {
            JsonNode current = result.get(e.getKey());
            JsonNode patched = patch.get(e.getKey());
            if (current != null && current.isArray() && (patched == null || !patched.isArray())) {
                result.set(e.getKey(), normalizeOrder((ArrayNode) current, e.getValue(), current,
                        type.member(e.getKey()).patchMergeKey()));
            }
        }
        JsonNode retain = patch.get(RETAIN_KEYS);
        if (retain != null) {
            if (!retain.isArray()) {
                throw PatchException.badRequest("$retainKeys must be a list of field names at " + display(path));
            }
            Set<String> keep = new HashSet<>();
            retain.forEach(k -> keep.add(k.asString()));
            for (String key : patch.propertyNames()) {
                if (!key.startsWith("$") && !patch.get(key).isNull() && !keep.contains(key)) {
                    throw PatchException.badRequest("$retainKeys at " + display(path) + " does not list \"" + key
                            + "\", which the patch sets");
                }
            }
            result.retain(keep);
        }
        return result;
    }

    private static ArrayNode mergeList(JsonNode original, ArrayNode patch, JsonNode order, TypeNode type,
            String path) {
        String mergeKey = type.patchMergeKey();
        TypeNode items = type.itemNode();
        for (JsonNode element : patch) {
            if (element.isObject() && "replace".equals(element.path(PATCH).asString(""))) {
                return cleanList(patch, items, path, true);
            }
        }
        JsonNode server = original != null && original.isArray() ? original : JsonValues.NODES.arrayNode();
        if (mergeKey != null) {
            return normalizeOrder(mergeByKey(original, patch, mergeKey, items, path), order != null ? order : patch,
                    server, mergeKey);
        }
        if (type.mergesPrimitives()) {
            ArrayNode result = ((ArrayNode) server).deepCopy();
            for (JsonNode value : patch) {
                if (indexOf(result, value) < 0) {
                    result.add(value.deepCopy());
                }
            }
            return normalizeOrder(result, order != null ? order : patch, server, null);
        }
        return cleanList(patch, items, path, false);
    }

    private static ArrayNode mergeByKey(JsonNode original, ArrayNode patch, String mergeKey, TypeNode items,
            String path) {
        ArrayNode result = original != null && original.isArray()
                ? ((ArrayNode) original).deepCopy()
                : JsonValues.NODES.arrayNode();
        for (JsonNode element : patch) {
            if (!element.isObject()) {
                throw PatchException.badRequest("the list " + display(path) + " merges by \"" + mergeKey
                        + "\" and cannot hold " + JsonValues.typeName(element) + " elements");
            }
            JsonNode key = element.get(mergeKey);
            if (key == null) {
                throw PatchException.badRequest("an element of " + display(path) + " does not contain declared merge key: "
                        + mergeKey);
            }
            int position = indexByKey(result, mergeKey, key);
            if ("delete".equals(element.path(PATCH).asString(""))) {
                while (position >= 0) {
                    result.remove(position);
                    position = indexByKey(result, mergeKey, key);
                }
                continue;
            }
            ObjectNode current = position >= 0 && result.get(position).isObject() ? (ObjectNode) result.get(position) : null;
            ObjectNode merged = mergeObject(current, (ObjectNode) element, items, path + "[" + mergeKey + "=" + key + "]");
            if (merged == null) {
                if (position >= 0) {
                    result.remove(position);
                }
            } else if (position >= 0) {
                result.set(position, merged);
            } else {
                result.add(merged);
            }
        }
        return result;
    }

    /** A list taken from the patch as is, minus directives (and minus the list-level replace marker). */
    private static ArrayNode cleanList(ArrayNode patch, TypeNode items, String path, boolean dropReplaceMarker) {
        ArrayNode result = JsonValues.NODES.arrayNode();
        for (JsonNode element : patch) {
            if (element.isObject()) {
                if (dropReplaceMarker && "replace".equals(element.path(PATCH).asString(""))
                        && element.size() == 1) {
                    continue;
                }
                ObjectNode cleaned = mergeObject(null, ((ObjectNode) element).deepCopy().without(PATCH), items, path);
                result.add(cleaned);
            } else {
                result.add(element.deepCopy());
            }
        }
        return result;
    }

    private static void deleteFromPrimitiveList(ObjectNode result, String field, JsonNode values, String path) {
        if (!values.isArray()) {
            throw PatchException.badRequest(DELETE_FROM_PRIMITIVE_LIST + field + " must be a list at " + display(path));
        }
        JsonNode current = result.get(field);
        if (current == null || !current.isArray()) {
            return;
        }
        ArrayNode kept = JsonValues.NODES.arrayNode();
        for (JsonNode element : current) {
            if (indexOf(values, element) < 0) {
                kept.add(element);
            }
        }
        result.set(field, kept);
    }

    /**
     * Orders a merged list as upstream does: elements the order list names (the {@code $setElementOrder} list, else the
     * patch list) follow that order; the other (server-only) elements keep their live order and are interleaved by
     * their live position: one goes before a named element only when both are in the live list and it came first.
     */
    private static ArrayNode normalizeOrder(ArrayNode merged, JsonNode order, JsonNode server, String mergeKey) {
        Map<String, Integer> orderIndex = positions(order, mergeKey);
        Map<String, Integer> serverIndex = positions(server, mergeKey);
        List<JsonNode> named = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        for (JsonNode element : merged) {
            (orderIndex.containsKey(identity(element, mergeKey)) ? named : serverOnly).add(element);
        }
        named.sort(Comparator.comparingInt(e -> orderIndex.get(identity(e, mergeKey))));
        serverOnly.sort(Comparator.comparingInt(e -> serverIndex.getOrDefault(identity(e, mergeKey),
                Integer.MAX_VALUE)));
        ArrayNode out = JsonValues.NODES.arrayNode();
        int i = 0;
        int j = 0;
        while (i < serverOnly.size() || j < named.size()) {
            if (j >= named.size()) {
                out.add(serverOnly.get(i++));
            } else if (i >= serverOnly.size()) {
                out.add(named.get(j++));
            } else {
                Integer left = serverIndex.get(identity(serverOnly.get(i), mergeKey));
                Integer right = serverIndex.get(identity(named.get(j), mergeKey));
                out.add(left != null && right != null && left < right ? serverOnly.get(i++) : named.get(j++));
            }
        }
        return out;
    }

    private static Map<String, Integer> positions(JsonNode list, String mergeKey) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            out.putIfAbsent(identity(list.get(i), mergeKey), i);
        }
        return out;
    }

    /** What identifies a list element: its merge key's value, or the element itself in a list of scalars. */
    private static String identity(JsonNode element, String mergeKey) {
        if (mergeKey != null && element.isObject()) {
            return JsonValues.canonical(element.path(mergeKey));
        }
        return JsonValues.canonical(element);
    }

    private static int indexByKey(ArrayNode list, String mergeKey, JsonNode key) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).isObject() && JsonValues.equal(list.get(i).get(mergeKey), key)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(JsonNode list, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            if (JsonValues.equal(list.get(i), value)) {
                return i;
            }
        }
        return -1;
    }

    private static String display(String path) {
        return path.isEmpty() ? "the object root" : path;
    }
}
