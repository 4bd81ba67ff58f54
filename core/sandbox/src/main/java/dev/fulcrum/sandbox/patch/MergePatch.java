package dev.fulcrum.sandbox.patch;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON merge patch, RFC 7386 ({@code application/merge-patch+json}).
 *
 * <p>An object patch is merged key by key: a {@code null} value deletes the key, an object value is merged
 * recursively, any other value (including arrays, which are never merged) replaces the target's value. A patch that is
 * not an object replaces the whole target. Inputs are never modified; the result shares no nodes with them.
 */
public final class MergePatch {

    private MergePatch() {}

    /**
     * Applies a merge patch.
     *
     * @param target the document to patch; {@code null} or a missing node counts as absent
     * @param patch the merge patch
     * @return the patched document (a new tree)
     */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (JsonValues.absent(patch)) {
            throw PatchException.badRequest("the merge patch is empty");
        }
        return merge(target, patch);
    }

    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = !JsonValues.absent(target) && target.isObject()
                ? ((ObjectNode) target).deepCopy()
                : JsonValues.NODES.objectNode();
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            if (entry.getValue().isNull()) {
                result.remove(entry.getKey());
            } else {
                result.set(entry.getKey(), merge(result.get(entry.getKey()), entry.getValue()));
            }
        }
        return result;
    }
}
