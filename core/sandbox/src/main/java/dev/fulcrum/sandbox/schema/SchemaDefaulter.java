package dev.fulcrum.sandbox.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Structural defaulting and pruning, as apiextensions-apiserver does them: defaults fill missing fields top-down
 * (defaults inside a defaulted value apply too); a {@code null} where the schema is not {@code nullable} takes the
 * default or is dropped; unknown fields outside {@code x-kubernetes-preserve-unknown-fields} can be pruned.
 */
final class SchemaDefaulter {

    private SchemaDefaulter() {}

    static void applyDefaults(JsonNode value, SchemaNode schema) {
        if (value.isObject()) {
            ObjectNode object = (ObjectNode) value;
            for (Map.Entry<String, SchemaNode> e : schema.properties.entrySet()) {
                if (schema.carriesObjectMeta() && "metadata".equals(e.getKey())) {
                    continue;
                }
                fill(object, e.getKey(), e.getValue());
            }
            if (schema.additionalProperties != null) {
                for (String name : new ArrayList<>(object.propertyNames())) {
                    if (!schema.properties.containsKey(name)) {
                        fill(object, name, schema.additionalProperties);
                    }
                }
            }
        } else if (value.isArray() && schema.items != null) {
            ArrayNode array = (ArrayNode) value;
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isNull() && !schema.items.nullable && schema.items.defaultValue != null) {
                    array.set(i, schema.items.defaultValue.deepCopy());
                }
                applyDefaults(array.get(i), schema.items);
            }
        }
    }

    /** Defaults one member: absent or a non-nullable {@code null} takes the default; a default-less null goes. */
    private static void fill(ObjectNode object, String name, SchemaNode schema) {
        JsonNode current = object.get(name);
        if (current == null || (current.isNull() && !schema.nullable)) {
            if (schema.defaultValue != null) {
                object.set(name, schema.defaultValue.deepCopy());
            } else if (current != null) {
                object.remove(name);
                return;
            } else {
                return;
            }
        }
        applyDefaults(object.get(name), schema);
    }

    /** Removes undeclared fields (apiVersion/kind/metadata at the root and of embedded resources stay). */
    static void prune(String path, JsonNode value, SchemaNode schema, List<String> removed) {
        if (value.isObject()) {
            ObjectNode object = (ObjectNode) value;
            for (String name : new ArrayList<>(object.propertyNames())) {
                String childPath = SchemaValidator.child(path, name);
                SchemaNode declared = schema.properties.get(name);
                if (schema.carriesObjectMeta()
                        && ("apiVersion".equals(name) || "kind".equals(name) || "metadata".equals(name))) {
                    continue;
                }
                SchemaNode next = declared != null ? declared : schema.additionalProperties;
                if (next != null) {
                    prune(childPath, object.get(name), next, removed);
                } else if (!schema.preserveUnknownFields) {
                    object.remove(name);
                    removed.add(childPath);
                }
            }
        } else if (value.isArray() && schema.items != null) {
            for (int i = 0; i < value.size(); i++) {
                prune(path + "[" + i + "]", value.get(i), schema.items, removed);
            }
        }
    }
}
