package dev.fulcrum.sandbox.schema;

import dev.fulcrum.sandbox.patch.BuiltinTypes;
import dev.fulcrum.sandbox.patch.ListSemantics;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * One compiled node of a structural schema ({@code JSONSchemaProps} of a CRD). Immutable; built once per CRD version.
 * It is also the {@link ListSemantics} of its position for server-side apply.
 */
final class SchemaNode implements ListSemantics {

    final String type;
    final boolean nullable;
    final boolean intOrString;
    final boolean preserveUnknownFields;
    final boolean embeddedResource;
    /** Whether this is the object root, where apiVersion, kind and metadata are always allowed. */
    final boolean root;
    final Map<String, SchemaNode> properties;
    final SchemaNode additionalProperties;
    final boolean additionalPropertiesForbidden;
    final SchemaNode items;
    final List<String> required;
    final List<JsonNode> enumValues;
    final String format;
    final BigDecimal minimum;
    final boolean exclusiveMinimum;
    final BigDecimal maximum;
    final boolean exclusiveMaximum;
    final BigDecimal multipleOf;
    final Long minLength;
    final Long maxLength;
    final Long minItems;
    final Long maxItems;
    final Long minProperties;
    final Long maxProperties;
    final boolean uniqueItems;
    final String patternText;
    final Pattern pattern;
    final List<SchemaNode> allOf;
    final List<SchemaNode> anyOf;
    final List<SchemaNode> oneOf;
    final SchemaNode not;
    final JsonNode defaultValue;
    final ListType listType;
    final List<String> listMapKeys;
    final boolean atomicMap;
    final int celRules;

    private SchemaNode(JsonNode s, boolean root) {
        this.root = root;
        this.type = s.path("type").asString(null);
        this.nullable = s.path("nullable").asBoolean(false);
        this.intOrString = s.path("x-kubernetes-int-or-string").asBoolean(false);
        this.preserveUnknownFields = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        this.embeddedResource = s.path("x-kubernetes-embedded-resource").asBoolean(false);
        Map<String, SchemaNode> props = new LinkedHashMap<>();
        s.path("properties").properties().forEach(e -> props.put(e.getKey(), new SchemaNode(e.getValue(), false)));
        this.properties = Map.copyOf(props);
        JsonNode additional = s.get("additionalProperties");
        this.additionalProperties = additional != null && additional.isObject() ? new SchemaNode(additional, false) : null;
        this.additionalPropertiesForbidden = additional != null && additional.isBoolean() && !additional.booleanValue();
        JsonNode itemSchema = s.get("items");
        this.items = itemSchema != null && itemSchema.isObject() ? new SchemaNode(itemSchema, false) : null;
        this.required = strings(s.path("required"));
        List<JsonNode> values = new ArrayList<>();
        s.path("enum").forEach(values::add);
        this.enumValues = List.copyOf(values);
        this.format = s.path("format").asString(null);
        this.minimum = decimal(s.get("minimum"));
        this.exclusiveMinimum = s.path("exclusiveMinimum").asBoolean(false);
        this.maximum = decimal(s.get("maximum"));
        this.exclusiveMaximum = s.path("exclusiveMaximum").asBoolean(false);
        this.multipleOf = decimal(s.get("multipleOf"));
        this.minLength = count(s.get("minLength"));
        this.maxLength = count(s.get("maxLength"));
        this.minItems = count(s.get("minItems"));
        this.maxItems = count(s.get("maxItems"));
        this.minProperties = count(s.get("minProperties"));
        this.maxProperties = count(s.get("maxProperties"));
        this.uniqueItems = s.path("uniqueItems").asBoolean(false);
        this.patternText = s.path("pattern").asString(null);
        this.pattern = compile(patternText);
        this.allOf = branches(s.get("allOf"));
        this.anyOf = branches(s.get("anyOf"));
        this.oneOf = branches(s.get("oneOf"));
        JsonNode notSchema = s.get("not");
        this.not = notSchema != null && notSchema.isObject() ? new SchemaNode(notSchema, false) : null;
        this.defaultValue = s.has("default") ? s.get("default").deepCopy() : null;
        this.listType = switch (s.path("x-kubernetes-list-type").asString("atomic")) {
            case "set" -> ListType.SET;
            case "map" -> ListType.MAP;
            default -> ListType.ATOMIC;
        };
        this.listMapKeys = strings(s.path("x-kubernetes-list-map-keys"));
        this.atomicMap = "atomic".equals(s.path("x-kubernetes-map-type").asString(""));
        this.celRules = s.path("x-kubernetes-validations").size();
    }

    /** Compiles the root of an {@code openAPIV3Schema}. */
    static SchemaNode root(JsonNode schema) {
        return new SchemaNode(schema, true);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asString()));
        return List.copyOf(out);
    }

    private static BigDecimal decimal(JsonNode node) {
        return node != null && node.isNumber() ? node.decimalValue() : null;
    }

    private static Long count(JsonNode node) {
        return node != null && node.canConvertToLong() ? node.longValue() : null;
    }

    private static List<SchemaNode> branches(JsonNode array) {
        List<SchemaNode> out = new ArrayList<>();
        if (array != null) {
            array.forEach(b -> out.add(new SchemaNode(b, false)));
        }
        return List.copyOf(out);
    }

    /**
     * Compiles an ECMA/RE2 pattern as a Java regex. The syntaxes agree on what CRDs use; a pattern Java cannot compile
     * is not enforced (returns {@code null}) rather than making the whole CRD unusable.
     */
    private static Pattern compile(String regex) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    /** @return the number of {@code x-kubernetes-validations} rules (CEL) in this subtree, none of which is evaluated */
    int celRulesBelow() {
        int total = celRules;
        for (SchemaNode child : properties.values()) {
            total += child.celRulesBelow();
        }
        List<SchemaNode> others = new ArrayList<>(allOf);
        others.addAll(anyOf);
        others.addAll(oneOf);
        for (SchemaNode single : new SchemaNode[] {additionalProperties, items, not}) {
            if (single != null) {
                others.add(single);
            }
        }
        for (SchemaNode child : others) {
            total += child.celRulesBelow();
        }
        return total;
    }

    /** Whether {@code apiVersion}, {@code kind} and {@code metadata} are implicitly declared here. */
    boolean carriesObjectMeta() {
        return root || embeddedResource;
    }

    @Override
    public ListSemantics field(String name) {
        SchemaNode declared = properties.get(name);
        if (declared != null) {
            return "metadata".equals(name) && carriesObjectMeta() ? BuiltinTypes.objectMeta() : declared;
        }
        if ("metadata".equals(name) && carriesObjectMeta()) {
            return BuiltinTypes.objectMeta();
        }
        return additionalProperties != null ? additionalProperties : ListSemantics.deduced();
    }

    @Override
    public ListSemantics items() {
        return items != null ? items : ListSemantics.deduced();
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
        return atomicMap;
    }

    @Override
    public boolean declaresField(String name) {
        return properties.containsKey(name)
                || (carriesObjectMeta() && ("apiVersion".equals(name) || "kind".equals(name) || "metadata".equals(name)));
    }
}
