package dev.fulcrum.sandbox.patch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A set of field paths stored as a trie, the unit of ownership in server-side apply.
 *
 * <p>Each node has <em>members</em> (paths that end here: a leaf value, a list element, a map entry, an atomic list)
 * and <em>children</em> (paths that continue). It encodes to and from the {@code FieldsV1} format of
 * {@code metadata.managedFields}: {@code {"f:spec": {"f:replicas": {}}, "f:metadata": {"f:labels": {".": {}}}}}, where
 * {@code "."} marks a node that is itself a member and has children. Mutable, confined to one computation.
 */
final class FieldSet {

    private final TreeSet<PathElement> members = new TreeSet<>();
    private final TreeMap<PathElement, FieldSet> children = new TreeMap<>();

    /** Adds a path; the empty path is ignored (the object root is never owned). */
    void insert(List<PathElement> path) {
        if (path.isEmpty()) {
            return;
        }
        FieldSet node = this;
        for (int i = 0; i < path.size() - 1; i++) {
            node = node.children.computeIfAbsent(path.get(i), pe -> new FieldSet());
        }
        node.members.add(path.get(path.size() - 1));
    }

    /** @return whether the path is a member */
    boolean has(List<PathElement> path) {
        if (path.isEmpty()) {
            return false;
        }
        FieldSet parent = at(path.subList(0, path.size() - 1));
        return parent != null && parent.members.contains(path.get(path.size() - 1));
    }

    /** @return the subtree below a path (its children), or {@code null} when nothing continues there */
    FieldSet at(List<PathElement> path) {
        FieldSet node = this;
        for (PathElement pe : path) {
            node = node.children.get(pe);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    boolean isEmpty() {
        if (!members.isEmpty()) {
            return false;
        }
        for (FieldSet child : children.values()) {
            if (!child.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    FieldSet copy() {
        return union(new FieldSet());
    }

    /** @return the paths in this set or the other */
    FieldSet union(FieldSet other) {
        FieldSet out = new FieldSet();
        out.members.addAll(members);
        out.members.addAll(other.members);
        for (Map.Entry<PathElement, FieldSet> e : children.entrySet()) {
            FieldSet theirs = other.children.get(e.getKey());
            out.putChild(e.getKey(), theirs == null ? e.getValue().copy() : e.getValue().union(theirs));
        }
        for (Map.Entry<PathElement, FieldSet> e : other.children.entrySet()) {
            if (!children.containsKey(e.getKey())) {
                out.putChild(e.getKey(), e.getValue().copy());
            }
        }
        return out;
    }

    /** @return the paths in both sets */
    FieldSet intersection(FieldSet other) {
        FieldSet out = new FieldSet();
        for (PathElement pe : members) {
            if (other.members.contains(pe)) {
                out.members.add(pe);
            }
        }
        for (Map.Entry<PathElement, FieldSet> e : children.entrySet()) {
            FieldSet theirs = other.children.get(e.getKey());
            if (theirs != null) {
                out.putChild(e.getKey(), e.getValue().intersection(theirs));
            }
        }
        return out;
    }

    /** @return the paths in this set but not in the other (members below a removed member stay) */
    FieldSet difference(FieldSet other) {
        FieldSet out = new FieldSet();
        for (PathElement pe : members) {
            if (!other.members.contains(pe)) {
                out.members.add(pe);
            }
        }
        for (Map.Entry<PathElement, FieldSet> e : children.entrySet()) {
            FieldSet theirs = other.children.get(e.getKey());
            out.putChild(e.getKey(), theirs == null ? e.getValue().copy() : e.getValue().difference(theirs));
        }
        return out;
    }

    /** @return a copy without the member {@code element} and without anything below it */
    FieldSet withoutSubtree(PathElement element) {
        FieldSet out = copy();
        out.members.remove(element);
        out.children.remove(element);
        return out;
    }

    /** @return only the member {@code element} and what lies below it */
    FieldSet onlySubtree(PathElement element) {
        FieldSet out = new FieldSet();
        if (members.contains(element)) {
            out.members.add(element);
        }
        FieldSet below = children.get(element);
        if (below != null) {
            out.putChild(element, below.copy());
        }
        return out;
    }

    private void walk(List<PathElement> prefix, Consumer<List<PathElement>> visitor) {
        for (PathElement pe : members) {
            prefix.add(pe);
            visitor.accept(List.copyOf(prefix));
            prefix.remove(prefix.size() - 1);
        }
        for (Map.Entry<PathElement, FieldSet> e : children.entrySet()) {
            prefix.add(e.getKey());
            e.getValue().walk(prefix, visitor);
            prefix.remove(prefix.size() - 1);
        }
    }

    /** @return every member path: the members of a node before its children, each group in path-element order */
    List<List<PathElement>> paths() {
        List<List<PathElement>> out = new ArrayList<>();
        walk(new ArrayList<>(), out::add);
        return out;
    }

    /** Encodes the set in the {@code FieldsV1} format. */
    ObjectNode toFieldsV1() {
        ObjectNode out = JsonValues.NODES.objectNode();
        emit(out);
        return out;
    }

    private void emit(ObjectNode out) {
        TreeSet<PathElement> all = new TreeSet<>(members);
        all.addAll(children.keySet());
        for (PathElement pe : all) {
            ObjectNode node = out.putObject(pe.encode());
            FieldSet child = children.get(pe);
            if (child != null) {
                child.emit(node);
                if (members.contains(pe)) {
                    node.putObject(".");
                }
            }
        }
    }

    /**
     * Decodes a {@code FieldsV1} tree. Keys with an unknown prefix are skipped, as upstream does.
     *
     * @throws IllegalArgumentException when the tree is malformed
     */
    static FieldSet fromFieldsV1(JsonNode fields) {
        if (fields == null || !fields.isObject()) {
            throw new IllegalArgumentException("fieldsV1 must be a JSON object");
        }
        FieldSet out = new FieldSet();
        read(fields, out);
        return out;
    }

    /** Reads the entries of {@code node} into {@code into}; returns whether {@code node} marked itself with ".". */
    private static boolean read(JsonNode node, FieldSet into) {
        boolean self = false;
        boolean sawChild = false;
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (".".equals(e.getKey())) {
                self = true;
                continue;
            }
            PathElement pe = PathElement.decode(e.getKey());
            if (pe == null) {
                continue;
            }
            sawChild = true;
            if (!e.getValue().isObject()) {
                throw new IllegalArgumentException("fieldsV1 entry " + e.getKey() + " is not an object");
            }
            FieldSet child = new FieldSet();
            boolean childIsMember = read(e.getValue(), child);
            if (childIsMember) {
                into.members.add(pe);
            }
            into.putChild(pe, child);
        }
        return self || !sawChild;
    }

    private void putChild(PathElement pe, FieldSet child) {
        if (!child.isEmpty()) {
            children.put(pe, child);
        }
    }

    /** Renders a path as the API server prints it in conflicts, e.g. {@code .spec.containers[name="a"].image}. */
    static String render(List<PathElement> path) {
        StringBuilder out = new StringBuilder();
        path.forEach(out::append);
        return out.toString();
    }

    @Override
    public String toString() {
        return toFieldsV1().toString();
    }
}
