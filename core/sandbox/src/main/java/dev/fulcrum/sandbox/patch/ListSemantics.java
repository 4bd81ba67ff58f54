package dev.fulcrum.sandbox.patch;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What server-side apply needs to know about one position in an object's type: how a list there merges and whether a
 * map there is a struct (named fields) or a free-form map.
 *
 * <p>It is a tree navigated alongside the object: {@link #field(String)} for an object member, {@link #items()} for list
 * elements. Unknown positions answer with sensible defaults rather than {@code null}. The same information comes from
 * two places: a CRD's structural schema ({@code x-kubernetes-list-type}, {@code x-kubernetes-list-map-keys},
 * {@code x-kubernetes-map-type}, {@code properties} — see {@code StructuralSchema#listSemantics()}) and, for built-in
 * kinds, {@link BuiltinTypes} (the table strategic merge patch uses too).
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface ListSemantics {

    /** How the elements of a list are identified and merged. */
    enum ListType {
        /** The list is one value, replaced as a whole (the CRD default, and the default for unknown lists). */
        ATOMIC,
        /** A list of scalars merged as a set; elements are identified by their value ({@code v:} in FieldsV1). */
        SET,
        /** A list of objects merged by {@link #listMapKeys()} ({@code k:} in FieldsV1). */
        MAP
    }

    /** @return the semantics of the member {@code name} of the object at this position (defaults when unknown) */
    ListSemantics field(String name);

    /** @return the semantics of the elements of the list at this position */
    ListSemantics items();

    /** @return how the list at this position merges */
    ListType listType();

    /** @return the key fields of a {@link ListType#MAP} list, in schema order; empty otherwise */
    List<String> listMapKeys();

    /** @return whether the object at this position is replaced as a whole ({@code x-kubernetes-map-type: atomic}) */
    boolean atomicMap();

    /**
     * Whether {@code name} is a declared field of a struct here rather than an entry of a free-form map. Server-side
     * apply records ownership of a map entry itself ({@code ".": {}} under it) but not of a struct field.
     */
    boolean declaresField(String name);

    /**
     * Semantics for values nobody described (inside {@code x-kubernetes-preserve-unknown-fields}): lists are atomic,
     * maps are free-form and merged key by key.
     */
    static ListSemantics deduced() {
        return Deduced.INSTANCE;
    }

    /**
     * The semantics for an object without a schema at hand: the built-in table when {@code apiVersion}/{@code kind}
     * name a built-in kind, otherwise the custom-resource default (standard object metadata, every other list atomic).
     */
    static ListSemantics forObject(JsonNode object) {
        String apiVersion = object == null ? "" : object.path("apiVersion").asString("");
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String kind = object == null ? "" : object.path("kind").asString("");
        return BuiltinTypes.forKind(group, kind).orElseGet(BuiltinTypes::customResource);
    }

    /** Semantics of values without a schema: atomic lists, granular free-form maps. */
    final class Deduced implements ListSemantics {
        private static final Deduced INSTANCE = new Deduced();

        private Deduced() {}

        @Override
        public ListSemantics field(String name) {
            return this;
        }

        @Override
        public ListSemantics items() {
            return this;
        }

        @Override
        public ListType listType() {
            return ListType.ATOMIC;
        }

        @Override
        public List<String> listMapKeys() {
            return List.of();
        }

        @Override
        public boolean atomicMap() {
            return false;
        }

        @Override
        public boolean declaresField(String name) {
            return false;
        }
    }
}
