package dev.fulcrum.sandbox.patch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schema-aware tree operations of server-side apply, after structured-merge-diff's {@code typed} package:
 * the field set of a value, the comparison of two values, the apply merge, and removal by path. Values are Jackson
 * trees; positions are described by {@link ListSemantics}. Inputs are never modified.
 */
final class TypedValues {

    private TypedValues() {}

    /** The fields a value sets: leaves, atomic lists and maps, list elements, map entries. */
    static FieldSet toFieldSet(JsonNode value, ListSemantics semantics) {
        FieldSet set = new FieldSet();
        collect(new ArrayList<>(), value, semantics, set);
        return set;
    }

    private static void collect(List<PathElement> path, JsonNode value, ListSemantics semantics, FieldSet set) {
        if (value.isObject() && !semantics.atomicMap()) {
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                path.add(new PathElement.Field(e.getKey()));
                collect(path, e.getValue(), semantics.field(e.getKey()), set);
                if (!semantics.declaresField(e.getKey())) {
                    set.insert(path);
                }
                path.remove(path.size() - 1);
            }
        } else if (value.isArray() && semantics.listType() != ListSemantics.ListType.ATOMIC) {
            for (Map.Entry<PathElement, JsonNode> e : index(value, semantics).entrySet()) {
                path.add(e.getKey());
                collect(path, e.getValue(), semantics.items(), set);
                set.insert(path);
                path.remove(path.size() - 1);
            }
        } else {
            set.insert(path);
        }
    }

    /** The result of {@link #compare}: fields only the right side has, fields whose value differs, fields it lacks. */
    record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {

        /** @return the comparison restricted by {@code filter} (applied to each of the three sets) */
        Comparison filtered(java.util.function.UnaryOperator<FieldSet> filter) {
            return new Comparison(filter.apply(added), filter.apply(modified), filter.apply(removed));
        }
    }

    /**
     * Compares two values. A container present on one side only is itself added/removed (its path is a member too),
     * which is how Update entries come to own {@code "."} of new maps and list elements.
     */
    static Comparison compare(JsonNode lhs, JsonNode rhs, ListSemantics semantics) {
        Comparison out = new Comparison(new FieldSet(), new FieldSet(), new FieldSet());
        compare(new ArrayList<>(), lhs, rhs, semantics, out);
        return out;
    }

    private static void compare(List<PathElement> path, JsonNode lhs, JsonNode rhs, ListSemantics semantics,
            Comparison out) {
        boolean left = !JsonValues.absent(lhs);
        boolean right = !JsonValues.absent(rhs);
        if (!left && !right) {
            return;
        }
        if (isLeaf(lhs, rhs, semantics)) {
            if (!left) {
                out.added().insert(path);
            } else if (!right) {
                out.removed().insert(path);
            } else if (!JsonValues.equal(lhs, rhs)) {
                out.modified().insert(path);
            }
            return;
        }
        JsonNode shape = left ? lhs : rhs;
        if (shape.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            if (left) {
                keys.addAll(lhs.propertyNames());
            }
            if (right) {
                keys.addAll(rhs.propertyNames());
            }
            for (String key : keys) {
                path.add(new PathElement.Field(key));
                compare(path, left ? lhs.get(key) : null, right ? rhs.get(key) : null, semantics.field(key), out);
                path.remove(path.size() - 1);
            }
        } else {
            Map<PathElement, JsonNode> lhsItems = left ? index(lhs, semantics) : Map.of();
            Map<PathElement, JsonNode> rhsItems = right ? index(rhs, semantics) : Map.of();
            Set<PathElement> elements = new LinkedHashSet<>(lhsItems.keySet());
            elements.addAll(rhsItems.keySet());
            for (PathElement pe : elements) {
                path.add(pe);
                compare(path, lhsItems.get(pe), rhsItems.get(pe), semantics.items(), out);
                path.remove(path.size() - 1);
            }
        }
        if (!left) {
            out.added().insert(path);
        } else if (!right) {
            out.removed().insert(path);
        }
    }

    /** Scalars, atomic containers, mismatched shapes and "empty on both sides" are compared as one value. */
    private static boolean isLeaf(JsonNode lhs, JsonNode rhs, ListSemantics semantics) {
        boolean left = !JsonValues.absent(lhs);
        boolean right = !JsonValues.absent(rhs);
        JsonNode shape = left ? lhs : rhs;
        if (!shape.isContainer() || (left && right && lhs.getNodeType() != rhs.getNodeType())) {
            return true;
        }
        if (shape.isObject() ? semantics.atomicMap() : semantics.listType() == ListSemantics.ListType.ATOMIC) {
            return true;
        }
        return (!left || lhs.isEmpty()) && (!right || rhs.isEmpty());
    }

    /**
     * Merges an applied configuration into a live value: the configuration wins on every leaf it sets, objects merge
     * member by member, non-atomic lists merge element by element (elements the configuration names take its order;
     * live-only elements keep their place), atomic lists and maps are replaced.
     */
    static JsonNode merge(JsonNode live, JsonNode config, ListSemantics semantics) {
        if (JsonValues.absent(config)) {
            return JsonValues.absent(live) ? null : live.deepCopy();
        }
        if (JsonValues.absent(live)) {
            return config.deepCopy();
        }
        if (live.isObject() && config.isObject() && !semantics.atomicMap()) {
            ObjectNode out = ((ObjectNode) live).deepCopy();
            for (Map.Entry<String, JsonNode> e : config.properties()) {
                out.set(e.getKey(), merge(live.get(e.getKey()), e.getValue(), semantics.field(e.getKey())));
            }
            return out;
        }
        if (live.isArray() && config.isArray() && semantics.listType() != ListSemantics.ListType.ATOMIC) {
            return mergeList(live, config, semantics);
        }
        return config.deepCopy();
    }

    private static ArrayNode mergeList(JsonNode live, JsonNode config, ListSemantics semantics) {
        Map<PathElement, JsonNode> lhs = index(live, semantics);
        Map<PathElement, JsonNode> rhs = index(config, semantics);
        List<PathElement> lhsOrder = new ArrayList<>(lhs.keySet());
        List<PathElement> rhsOrder = new ArrayList<>(rhs.keySet());
        List<PathElement> shared = new ArrayList<>();
        for (PathElement pe : rhsOrder) {
            if (lhs.containsKey(pe)) {
                shared.add(pe);
            }
        }
        ArrayNode out = JsonValues.NODES.arrayNode();
        ListSemantics items = semantics.items();
        int nextShared = 0;
        int l = 0;
        int r = 0;
        while (l < lhsOrder.size() || r < rhsOrder.size()) {
            if (l < lhsOrder.size() && r < rhsOrder.size()) {
                PathElement pe = lhsOrder.get(l);
                if (pe.equals(rhsOrder.get(r))) {
                    out.add(merge(lhs.get(pe), rhs.get(pe), items));
                    l++;
                    r++;
                    nextShared++;
                    continue;
                }
                if (rhs.containsKey(pe) && nextShared < shared.size() && !shared.get(nextShared).equals(pe)) {
                    l++; // a shared element the configuration places later
                    continue;
                }
            }
            if (l < lhsOrder.size() && !rhs.containsKey(lhsOrder.get(l))) {
                out.add(lhs.get(lhsOrder.get(l)).deepCopy());
                l++;
                continue;
            }
            if (r < rhsOrder.size()) {
                PathElement pe = rhsOrder.get(r);
                out.add(merge(lhs.get(pe), rhs.get(pe), items));
                r++;
                if (nextShared < shared.size() && shared.get(nextShared).equals(pe)) {
                    nextShared++;
                }
            } else {
                l++; // a shared element already merged in configuration order
            }
        }
        return out;
    }

    /**
     * Indexes the elements of a non-atomic list by their path element (first occurrence wins): map lists by key
     * fields, sets by value. An element without any key field, or a non-scalar set element, falls back to its index.
     */
    static Map<PathElement, JsonNode> index(JsonNode list, ListSemantics semantics) {
        Map<PathElement, JsonNode> out = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            out.putIfAbsent(element(semantics, i, list.get(i)), list.get(i));
        }
        return out;
    }

    /** The path element of the {@code i}th element of a list. */
    static PathElement element(ListSemantics semantics, int i, JsonNode item) {
        if (semantics.listType() == ListSemantics.ListType.MAP && item.isObject()) {
            TreeMap<String, JsonNode> keys = new TreeMap<>();
            for (String key : semantics.listMapKeys()) {
                JsonNode value = item.get(key);
                if (value != null && !value.isNull()) {
                    keys.put(key, value);
                }
            }
            if (!keys.isEmpty()) {
                return new PathElement.Key(keys);
            }
        } else if (semantics.listType() == ListSemantics.ListType.SET && !item.isContainer()) {
            return new PathElement.Value(item);
        }
        return new PathElement.Index(i);
    }

    /** @return the value at a path, or {@code null} when it does not exist */
    static JsonNode get(JsonNode root, List<PathElement> path) {
        JsonNode node = root;
        for (PathElement pe : path) {
            node = step(node, pe);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /**
     * Removes the value at a path from a mutable tree.
     *
     * @return whether something was removed
     */
    static boolean remove(JsonNode root, List<PathElement> path) {
        if (path.isEmpty()) {
            return false;
        }
        JsonNode parent = get(root, path.subList(0, path.size() - 1));
        PathElement last = path.get(path.size() - 1);
        if (parent == null) {
            return false;
        }
        if (parent.isObject() && last instanceof PathElement.Field field) {
            return ((ObjectNode) parent).remove(field.name()) != null;
        }
        if (parent.isArray()) {
            int position = positionOf(parent, last);
            if (position >= 0) {
                ((ArrayNode) parent).remove(position);
                return true;
            }
        }
        return false;
    }

    private static JsonNode step(JsonNode node, PathElement pe) {
        if (pe instanceof PathElement.Field field) {
            return node.isObject() ? node.get(field.name()) : null;
        }
        if (!node.isArray()) {
            return null;
        }
        int position = positionOf(node, pe);
        return position >= 0 ? node.get(position) : null;
    }

    private static int positionOf(JsonNode list, PathElement pe) {
        if (pe instanceof PathElement.Index index) {
            return index.index() < list.size() ? index.index() : -1;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (pe instanceof PathElement.Value value && !item.isContainer()
                    && JsonValues.canonical(item).equals(value.canonical())) {
                return i;
            }
            if (pe instanceof PathElement.Key key && item.isObject() && matches(item, key)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matches(JsonNode item, PathElement.Key key) {
        for (Map.Entry<String, JsonNode> e : key.fields().entrySet()) {
            if (!JsonValues.equal(item.get(e.getKey()), e.getValue())) {
                return false;
            }
        }
        return true;
    }
}
