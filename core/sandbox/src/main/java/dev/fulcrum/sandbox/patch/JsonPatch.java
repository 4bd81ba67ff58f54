package dev.fulcrum.sandbox.patch;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON patch, RFC 6902 ({@code application/json-patch+json}): the operations {@code add, remove, replace, move, copy,
 * test}, applied in order, all or nothing.
 *
 * <p>Errors follow kube-apiserver: a body that is not an array of operation objects is {@code 400}; an operation that
 * is malformed or does not apply (unknown {@code op}, missing {@code path}/{@code value}/{@code from}, a path that does
 * not exist, an index out of range, a failed {@code test}) is {@code 422}, with a message naming the operation index and
 * path. Inputs are never modified.
 */
public final class JsonPatch {

    private JsonPatch() {}

    /**
     * Applies a JSON patch.
     *
     * @param target the document to patch
     * @param ops the patch: a JSON array of operation objects
     * @return the patched document (a new tree)
     * @throws PatchException 400 for a malformed body, 422 when an operation does not apply
     */
    public static JsonNode apply(JsonNode target, JsonNode ops) {
        if (JsonValues.absent(ops) || !ops.isArray()) {
            throw PatchException.badRequest("a JSON patch must be a JSON array of operations");
        }
        for (int i = 0; i < ops.size(); i++) {
            if (!ops.get(i).isObject()) {
                throw PatchException.badRequest("JSON patch operation " + i + " is not a JSON object");
            }
        }
        JsonNode document = JsonValues.absent(target) ? JsonValues.NODES.nullNode() : target.deepCopy();
        for (int i = 0; i < ops.size(); i++) {
            document = applyOperation(document, ops.get(i), i);
        }
        return document;
    }

    private static JsonNode applyOperation(JsonNode document, JsonNode op, int index) {
        String kind = text(op, "op", index);
        Pointer path = Pointer.parse(text(op, "path", index), index);
        switch (kind) {
            case "add":
                return add(document, path, value(op, index), kind, index);
            case "remove":
                return remove(document, path, kind, index);
            case "replace":
                return replace(document, path, value(op, index), index);
            case "move": {
                Pointer from = Pointer.parse(text(op, "from", index), index);
                if (from.isProperPrefixOf(path)) {
                    throw PatchException.unprocessable(prefix(index, kind)
                            + "a value cannot be moved into one of its children: from \"" + from + "\" to \"" + path + "\"");
                }
                JsonNode moved = resolve(document, from, kind, "from ", index);
                return add(remove(document, from, kind, index), path, moved, kind, index);
            }
            case "copy": {
                Pointer from = Pointer.parse(text(op, "from", index), index);
                JsonNode copied = resolve(document, from, kind, "from ", index).deepCopy();
                return add(document, path, copied, kind, index);
            }
            case "test": {
                JsonNode actual = resolve(document, path, kind, "", index);
                if (!JsonValues.equal(actual, value(op, index))) {
                    throw PatchException.unprocessable(prefix(index, kind) + "testing value " + path + " failed: test failed");
                }
                return document;
            }
            default:
                throw PatchException.unprocessable("JSON patch operation " + index + ": unexpected op \"" + kind
                        + "\" (expected add, remove, replace, move, copy or test)");
        }
    }

    private static JsonNode add(JsonNode document, Pointer path, JsonNode value, String kind, int index) {
        if (path.isRoot()) {
            return value.deepCopy();
        }
        JsonNode parent = resolveParent(document, path, kind, index);
        String token = path.last();
        if (parent.isObject()) {
            ((ObjectNode) parent).set(token, value.deepCopy());
        } else {
            ArrayNode array = (ArrayNode) parent;
            int position = "-".equals(token) ? array.size() : arrayIndex(token, array.size(), path, kind, index);
            array.insert(position, value.deepCopy());
        }
        return document;
    }

    private static JsonNode remove(JsonNode document, Pointer path, String kind, int index) {
        if (path.isRoot()) {
            throw PatchException.unprocessable(prefix(index, kind) + "the whole document cannot be removed");
        }
        JsonNode parent = resolveParent(document, path, kind, index);
        String token = path.last();
        if (parent.isObject()) {
            if (!parent.has(token)) {
                throw missing(kind, "path", path, index);
            }
            ((ObjectNode) parent).remove(token);
        } else {
            ((ArrayNode) parent).remove(arrayIndex(token, parent.size() - 1, path, kind, index));
        }
        return document;
    }

    private static JsonNode replace(JsonNode document, Pointer path, JsonNode value, int index) {
        String kind = "replace";
        if (path.isRoot()) {
            return value.deepCopy();
        }
        JsonNode parent = resolveParent(document, path, kind, index);
        String token = path.last();
        if (parent.isObject()) {
            if (!parent.has(token)) {
                throw missing(kind, "key", path, index);
            }
            ((ObjectNode) parent).set(token, value.deepCopy());
        } else {
            ((ArrayNode) parent).set(arrayIndex(token, parent.size() - 1, path, kind, index), value.deepCopy());
        }
        return document;
    }

    /** Resolves the container holding the last token of {@code path}, failing if it does not exist. */
    private static JsonNode resolveParent(JsonNode document, Pointer path, String kind, int index) {
        JsonNode parent = walk(document, path.tokens().subList(0, path.tokens().size() - 1));
        if (parent == null || !(parent.isObject() || parent.isArray())) {
            throw missing(kind, "path", path, index);
        }
        return parent;
    }

    private static JsonNode resolve(JsonNode document, Pointer path, String kind, String role, int index) {
        JsonNode node = walk(document, path.tokens());
        if (node == null) {
            throw missing(kind, role.isEmpty() ? "path" : "from path", path, index);
        }
        return node;
    }

    /** Follows the tokens from the document root; {@code null} when some step does not exist. */
    private static JsonNode walk(JsonNode document, List<String> tokens) {
        JsonNode node = document;
        for (String token : tokens) {
            if (node.isObject()) {
                node = node.get(token);
            } else if (node.isArray()) {
                int i = Pointer.parseIndex(token);
                node = i >= 0 && i < node.size() ? node.get(i) : null;
            } else {
                return null;
            }
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static int arrayIndex(String token, int max, Pointer path, String kind, int index) {
        int i = Pointer.parseIndex(token);
        if (i < 0 || i > max) {
            throw PatchException.unprocessable(prefix(index, kind) + "invalid array index \"" + token + "\" in path \""
                    + path + "\"");
        }
        return i;
    }

    private static PatchException missing(String kind, String what, Pointer path, int index) {
        return PatchException.unprocessable(prefix(index, kind) + kind + " operation does not apply: doc is missing "
                + what + ": \"" + path + "\": missing value");
    }

    private static String text(JsonNode op, String name, int index) {
        JsonNode value = op.get(name);
        if (value == null || !value.isString()) {
            throw PatchException.unprocessable("JSON patch operation " + index + ": missing or non-string \"" + name + "\"");
        }
        return value.stringValue();
    }

    private static JsonNode value(JsonNode op, int index) {
        JsonNode value = op.get("value");
        if (value == null) {
            throw PatchException.unprocessable("JSON patch operation " + index + " (" + op.path("op").asString()
                    + "): missing \"value\"");
        }
        return value;
    }

    private static String prefix(int index, String kind) {
        return "JSON patch operation " + index + " (" + kind + "): ";
    }

    /** An RFC 6901 JSON pointer, already split into unescaped reference tokens. */
    private record Pointer(String text, List<String> tokens) {

        static Pointer parse(String text, int index) {
            if (text.isEmpty()) {
                return new Pointer(text, List.of());
            }
            if (text.charAt(0) != '/') {
                throw PatchException.unprocessable("JSON patch operation " + index + ": path \"" + text
                        + "\" is not a JSON pointer (must be empty or start with '/')");
            }
            List<String> tokens = new ArrayList<>();
            for (String raw : text.substring(1).split("/", -1)) {
                tokens.add(raw.replace("~1", "/").replace("~0", "~"));
            }
            return new Pointer(text, List.copyOf(tokens));
        }

        /** @return the index a token denotes, or -1 when it is not a canonical array index */
        static int parseIndex(String token) {
            if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')) {
                return -1;
            }
            for (int i = 0; i < token.length(); i++) {
                if (!Character.isDigit(token.charAt(i))) {
                    return -1;
                }
            }
            return Integer.parseInt(token);
        }

        boolean isRoot() {
            return tokens.isEmpty();
        }

        String last() {
            return tokens.get(tokens.size() - 1);
        }

        boolean isProperPrefixOf(Pointer other) {
            return tokens.size() < other.tokens.size() && other.tokens.subList(0, tokens.size()).equals(tokens);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
