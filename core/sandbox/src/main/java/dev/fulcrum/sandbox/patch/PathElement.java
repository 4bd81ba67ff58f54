package dev.fulcrum.sandbox.patch;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One step of a field path in server-side apply: an object member, a list element chosen by its key fields, a set
 * element chosen by its value, or (rarely) a list element chosen by position.
 *
 * <p>Ordering and the FieldsV1 encoding ({@code f:}, {@code k:}, {@code v:}, {@code i:}) follow structured-merge-diff:
 * members sort before keys, keys before values, values before indexes. {@link #toString()} renders the element the way
 * the API server prints conflict paths ({@code .spec}, {@code [name="nginx"]}, {@code [="a"]}, {@code [0]}).
 */
sealed interface PathElement extends Comparable<PathElement> {

    /** @return the FieldsV1 key of this element, e.g. {@code f:spec} or {@code k:{"name":"a"}} */
    String encode();

    /** @return the rank of this element's kind in the structured-merge-diff order */
    int rank();

    /** @return the text compared between two elements of the same kind */
    String sortKey();

    @Override
    default int compareTo(PathElement other) {
        int byRank = Integer.compare(rank(), other.rank());
        if (byRank != 0) {
            return byRank;
        }
        if (this instanceof Index mine && other instanceof Index theirs) {
            return Integer.compare(mine.index(), theirs.index());
        }
        return sortKey().compareTo(other.sortKey());
    }

    /**
     * Decodes a FieldsV1 key.
     *
     * @return the element, or {@code null} for an unknown prefix (ignored, as upstream does)
     * @throws IllegalArgumentException when a known prefix carries malformed JSON
     */
    static PathElement decode(String encoded) {
        if (encoded.length() < 2 || encoded.charAt(1) != ':') {
            return null;
        }
        String body = encoded.substring(2);
        switch (encoded.charAt(0)) {
            case 'f':
                return new Field(body);
            case 'k': {
                JsonNode keys = parse(body);
                if (!keys.isObject()) {
                    throw new IllegalArgumentException("key element is not a JSON object: " + encoded);
                }
                TreeMap<String, JsonNode> fields = new TreeMap<>();
                keys.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
                return new Key(fields);
            }
            case 'v':
                return new Value(parse(body));
            case 'i':
                try {
                    return new Index(Integer.parseInt(body));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("index element is not a number: " + encoded, e);
                }
            default:
                return null;
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JsonValues.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("malformed JSON in field path element: " + json, e);
        }
    }

    /** A member of an object. */
    record Field(String name) implements PathElement {
        @Override
        public String encode() {
            return "f:" + name;
        }

        @Override
        public int rank() {
            return 0;
        }

        @Override
        public String sortKey() {
            return name;
        }

        @Override
        public String toString() {
            return "." + name;
        }
    }

    /** An element of a map-type list, identified by its key fields (sorted by name). */
    record Key(TreeMap<String, JsonNode> fields, String canonical) implements PathElement {

        Key(TreeMap<String, JsonNode> fields) {
            this(fields, canonicalOf(fields));
        }

        private static String canonicalOf(Map<String, JsonNode> fields) {
            ObjectNode object = JsonValues.NODES.objectNode();
            fields.forEach(object::set);
            return JsonValues.canonical(object);
        }

        @Override
        public String encode() {
            return "k:" + canonical;
        }

        @Override
        public int rank() {
            return 1;
        }

        @Override
        public String sortKey() {
            return canonical;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.canonical.equals(canonical);
        }

        @Override
        public int hashCode() {
            return canonical.hashCode();
        }

        @Override
        public String toString() {
            StringJoiner joined = new StringJoiner(",", "[", "]");
            fields.forEach((name, value) -> joined.add(name + "=" + JsonValues.canonical(value)));
            return joined.toString();
        }
    }

    /** An element of a set-type list, identified by its value. */
    record Value(JsonNode value, String canonical) implements PathElement {

        Value(JsonNode value) {
            this(value, JsonValues.canonical(value));
        }

        @Override
        public String encode() {
            return "v:" + canonical;
        }

        @Override
        public int rank() {
            return 2;
        }

        @Override
        public String sortKey() {
            return canonical;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Value v && v.canonical.equals(canonical);
        }

        @Override
        public int hashCode() {
            return canonical.hashCode();
        }

        @Override
        public String toString() {
            return "[=" + canonical + "]";
        }
    }

    /** An element of a list identified by position. */
    record Index(int index) implements PathElement {
        @Override
        public String encode() {
            return "i:" + index;
        }

        @Override
        public int rank() {
            return 3;
        }

        @Override
        public String sortKey() {
            return Integer.toString(index);
        }

        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }
}
