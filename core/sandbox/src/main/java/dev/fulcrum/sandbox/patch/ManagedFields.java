package dev.fulcrum.sandbox.patch;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The decoded {@code metadata.managedFields} of an object: one field set per manager.
 *
 * <p>A manager is identified as upstream does: by name, operation and subresource, plus the apiVersion for
 * {@code Update} entries (an applier keeps one entry across versions; an updater gets one per version). Encoding sorts
 * entries as kube-apiserver does: {@code Apply} before {@code Update}, then by time (seconds), manager, apiVersion,
 * subresource. Mutable, confined to one computation.
 */
final class ManagedFields {

    static final String APPLY = "Apply";
    static final String UPDATE = "Update";

    /** The identity of a manager. {@code apiVersion} is empty for appliers. */
    record Manager(String name, String operation, String apiVersion, String subresource) {

        static Manager applier(String name, String subresource) {
            return new Manager(name, APPLY, "", subresource == null ? "" : subresource);
        }

        static Manager updater(String name, String apiVersion, String subresource) {
            return new Manager(name, UPDATE, apiVersion, subresource == null ? "" : subresource);
        }

        /** How conflict messages name the manager: {@code "name"}, plus subresource and, for updaters, apiVersion. */
        String display() {
            StringBuilder out = new StringBuilder().append('"').append(name).append('"');
            if (!subresource.isEmpty()) {
                out.append(" with subresource \"").append(subresource).append('"');
            }
            if (UPDATE.equals(operation)) {
                out.append(" using ").append(apiVersion);
            }
            return out.toString();
        }

        /** The upstream manager identifier (JSON of the entry without fields and time), used to order conflicts. */
        String identifier() {
            ObjectNode id = JsonValues.NODES.objectNode().put("manager", name).put("operation", operation);
            if (!apiVersion.isEmpty()) {
                id.put("apiVersion", apiVersion);
            }
            if (!subresource.isEmpty()) {
                id.put("subresource", subresource);
            }
            return id.toString();
        }
    }

    /** One manager's entry. */
    static final class Entry {
        final Manager manager;
        String apiVersion;
        String time;
        FieldSet fields;

        Entry(Manager manager, String apiVersion, String time, FieldSet fields) {
            this.manager = manager;
            this.apiVersion = apiVersion;
            this.time = time;
            this.fields = fields;
        }
    }

    private final Map<Manager, Entry> entries = new LinkedHashMap<>();

    /**
     * Decodes {@code metadata.managedFields} of an object.
     *
     * @throws IllegalArgumentException when an entry is malformed
     */
    static ManagedFields decode(JsonNode managedFields) {
        ManagedFields out = new ManagedFields();
        if (JsonValues.absent(managedFields) || managedFields.isNull()) {
            return out;
        }
        if (!managedFields.isArray()) {
            throw new IllegalArgumentException("metadata.managedFields must be a list");
        }
        for (int i = 0; i < managedFields.size(); i++) {
            JsonNode entry = managedFields.get(i);
            String operation = entry.path("operation").asString("");
            String apiVersion = entry.path("apiVersion").asString("");
            if (!APPLY.equals(operation) && !UPDATE.equals(operation)) {
                throw new IllegalArgumentException("managedFields[" + i + "].operation must be Apply or Update");
            }
            if (apiVersion.isEmpty()) {
                throw new IllegalArgumentException("managedFields[" + i + "].apiVersion must not be empty");
            }
            if (!"FieldsV1".equals(entry.path("fieldsType").asString(""))) {
                throw new IllegalArgumentException("managedFields[" + i + "].fieldsType must be FieldsV1");
            }
            String name = entry.path("manager").asString("");
            String subresource = entry.path("subresource").asString("");
            Manager manager = APPLY.equals(operation)
                    ? Manager.applier(name, subresource)
                    : Manager.updater(name, apiVersion, subresource);
            JsonNode fields = entry.get("fieldsV1");
            FieldSet set = JsonValues.absent(fields) || fields.isNull() ? new FieldSet() : FieldSet.fromFieldsV1(fields);
            JsonNode time = entry.get("time");
            out.entries.put(manager, new Entry(manager, apiVersion,
                    time != null && time.isString() ? time.stringValue() : null, set));
        }
        return out;
    }

    /** Decodes leniently: a malformed list counts as no ownership at all, as the API server treats it. */
    static ManagedFields decodeOrEmpty(JsonNode managedFields) {
        try {
            return decode(managedFields);
        } catch (IllegalArgumentException e) {
            return new ManagedFields();
        }
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    Entry get(Manager manager) {
        return entries.get(manager);
    }

    List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    void put(Entry entry) {
        entries.put(entry.manager, entry);
    }

    /** Removes entries whose field sets became empty. */
    void dropEmpty() {
        entries.values().removeIf(e -> e.fields.isEmpty());
    }

    /** @return the union of every manager's fields */
    FieldSet owned() {
        FieldSet all = new FieldSet();
        for (Entry e : entries.values()) {
            all = all.union(e.fields);
        }
        return all;
    }

    /** @return the encoded list, sorted as kube-apiserver sorts it */
    ArrayNode encode() {
        List<Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparing((Entry e) -> e.manager.operation())
                .thenComparingLong(e -> epochSeconds(e.time))
                .thenComparing(e -> e.manager.name())
                .thenComparing(e -> e.apiVersion)
                .thenComparing(e -> e.manager.subresource()));
        ArrayNode out = JsonValues.NODES.arrayNode();
        for (Entry e : sorted) {
            ObjectNode node = out.addObject();
            node.put("manager", e.manager.name());
            node.put("operation", e.manager.operation());
            node.put("apiVersion", e.apiVersion);
            if (e.time != null) {
                node.put("time", e.time);
            }
            node.put("fieldsType", "FieldsV1");
            node.set("fieldsV1", e.fields.toFieldsV1());
            if (!e.manager.subresource().isEmpty()) {
                node.put("subresource", e.manager.subresource());
            }
        }
        return out;
    }

    /** RFC 3339 with second precision, as {@code metav1.Time} serializes. */
    static String timestamp(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static long epochSeconds(String time) {
        if (time == null) {
            return 0;
        }
        try {
            return Instant.parse(time).getEpochSecond();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
