package dev.fulcrum.sandbox.patch;

import java.util.List;
import java.util.Map;

/**
 * One position in a built-in kind's type: the server-side apply view ({@link ListSemantics}) plus the strategic merge
 * patch view ({@link #patchMergeKey()}, {@link #mergesPrimitives()}). Immutable.
 */
final class TypeNode implements ListSemantics {

    /** What kind of value lives at this position. */
    enum Shape {
        /** A struct: every member is a declared field; unknown members are structs too. */
        STRUCT,
        /** A struct whose unknown members are {@linkplain ListSemantics#deduced() deduced} (custom resource root). */
        STRUCT_OF_DEDUCED,
        /** A free-form map: members are entries of {@link #elements}. */
        MAP,
        /** A list. */
        LIST
    }

    /** A struct with no special members: lists inside it are atomic. */
    static final TypeNode STRUCT = new TypeNode(Shape.STRUCT, Map.of(), null, ListType.ATOMIC, List.of(), null, false);

    private final Shape shape;
    private final Map<String, TypeNode> fields;
    private final TypeNode elements;
    private final ListType listType;
    private final List<String> listMapKeys;
    private final String patchMergeKey;
    private final boolean mergesPrimitives;

    TypeNode(Shape shape, Map<String, TypeNode> fields, TypeNode elements, ListType listType, List<String> listMapKeys,
            String patchMergeKey, boolean mergesPrimitives) {
        this.shape = shape;
        this.fields = Map.copyOf(fields);
        this.elements = elements;
        this.listType = listType;
        this.listMapKeys = List.copyOf(listMapKeys);
        this.patchMergeKey = patchMergeKey;
        this.mergesPrimitives = mergesPrimitives;
    }

    static TypeNode struct(Map<String, TypeNode> fields) {
        return new TypeNode(Shape.STRUCT, fields, null, ListType.ATOMIC, List.of(), null, false);
    }

    /** A free-form map of scalars ({@code map[string]string} and the like). */
    static TypeNode map() {
        return new TypeNode(Shape.MAP, Map.of(), STRUCT, ListType.ATOMIC, List.of(), null, false);
    }

    /** A list of scalars merged as a set by both patch flavours ({@code patchStrategy:"merge"}, {@code listType=set}). */
    static TypeNode set() {
        return new TypeNode(Shape.LIST, Map.of(), STRUCT, ListType.SET, List.of(), null, true);
    }

    /** A list of objects merged by key: {@code patchMergeKey} for strategic merge, {@code listMapKeys} for apply. */
    static TypeNode keyedList(String patchMergeKey, TypeNode item, String... listMapKeys) {
        return new TypeNode(Shape.LIST, Map.of(), item, ListType.MAP, List.of(listMapKeys), patchMergeKey, false);
    }

    /** A list strategic merge patch merges by {@code patchMergeKey} while server-side apply treats it as atomic. */
    static TypeNode mergedButAtomic(String patchMergeKey) {
        return new TypeNode(Shape.LIST, Map.of(), STRUCT, ListType.ATOMIC, List.of(), patchMergeKey, false);
    }

    @Override
    public ListSemantics field(String name) {
        TypeNode member = member(name);
        return member != null ? member : ListSemantics.deduced();
    }

    /** The node of a member, typed for package use. Deduced members of a custom resource answer {@code null}. */
    TypeNode member(String name) {
        TypeNode declared = fields.get(name);
        if (declared != null) {
            return declared;
        }
        switch (shape) {
            case MAP:
                return elements;
            case STRUCT_OF_DEDUCED:
                return null;
            default:
                return STRUCT;
        }
    }

    @Override
    public ListSemantics items() {
        return itemNode();
    }

    /** The node of list elements. */
    TypeNode itemNode() {
        return elements == null ? STRUCT : elements;
    }

    @Override
    public ListType listType() {
        return listType;
    }

    @Override
    public List<String> listMapKeys() {
        return listMapKeys;
    }

    @Override
    public boolean atomicMap() {
        return false;
    }

    @Override
    public boolean declaresField(String name) {
        return shape != Shape.MAP;
    }

    /** @return the strategic-merge key of a list of objects, or {@code null} when the list is replaced */
    String patchMergeKey() {
        return patchMergeKey;
    }

    /** @return whether strategic merge patch merges this list of scalars as a set */
    boolean mergesPrimitives() {
        return mergesPrimitives;
    }
}
