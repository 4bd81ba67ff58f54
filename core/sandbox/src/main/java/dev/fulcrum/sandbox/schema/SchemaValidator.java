package dev.fulcrum.sandbox.schema;

import dev.fulcrum.sandbox.patch.JsonValues;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Validates one value against a compiled schema, collecting every problem as a {@link Cause} with kube-apiserver's
 * field paths and messages (kube-openapi's validator as wrapped by apiextensions-apiserver). Not thread-safe: one
 * instance per validation.
 */
final class SchemaValidator {

    private static final long INT32_MIN = Integer.MIN_VALUE;
    private static final long INT32_MAX = Integer.MAX_VALUE;
    private static final String DNS1123_SUBDOMAIN = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private static final Pattern SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN);
    private static final int SUBDOMAIN_MAX = 253;
    /** The members of {@code ObjectMeta}; anything else under metadata is an unknown field, as strict decoding says. */
    private static final Set<String> OBJECT_META_FIELDS = Set.of("name", "generateName",
            "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
            "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields");

    private final List<Cause> causes = new ArrayList<>();

    private SchemaValidator() {}

    static List<Cause> validate(SchemaNode root, JsonNode object) {
        SchemaValidator validator = new SchemaValidator();
        validator.value("", object, root, true);
        return List.copyOf(validator.causes);
    }

    /** Validates a value; {@code strict} is false inside composition branches, which only constrain values. */
    private void value(String path, JsonNode value, SchemaNode schema, boolean strict) {
        if (value.isNull()) {
            if (!schema.nullable && (schema.type != null || schema.intOrString)) {
                typeInvalid(path, expectedType(schema), "null");
            }
            return;
        }
        if (!typeMatches(value, schema)) {
            typeInvalid(path, expectedType(schema), JsonValues.typeName(value));
            return;
        }
        constraints(path, value, schema);
        if (value.isObject()) {
            object(path, value, schema, strict);
        } else if (value.isArray()) {
            array(path, value, schema, strict);
        }
    }

    private static boolean typeMatches(JsonNode value, SchemaNode schema) {
        if (schema.intOrString) {
            return value.isString() || JsonValues.isIntegral(value);
        }
        if (schema.type == null) {
            return true;
        }
        switch (schema.type) {
            case "object":
                return value.isObject();
            case "array":
                return value.isArray();
            case "string":
                return value.isString();
            case "integer":
                return JsonValues.isIntegral(value);
            case "number":
                return value.isNumber();
            case "boolean":
                return value.isBoolean();
            default:
                return true;
        }
    }

    private static String expectedType(SchemaNode schema) {
        return schema.intOrString ? "integer,string" : schema.type;
    }

    private void constraints(String path, JsonNode value, SchemaNode schema) {
        if (!schema.enumValues.isEmpty() && schema.enumValues.stream().noneMatch(e -> JsonValues.equal(e, value))) {
            String supported = schema.enumValues.stream().map(SchemaValidator::render).collect(Collectors.joining(", "));
            add(path, Cause.NOT_SUPPORTED, "Unsupported value: " + render(value) + ": supported values: " + supported);
        }
        if (value.isString()) {
            stringConstraints(path, value, schema);
        } else if (value.isNumber()) {
            numberConstraints(path, value, schema);
        } else if (value.isArray()) {
            long size = value.size();
            if (schema.minItems != null && size < schema.minItems) {
                invalid(path, Long.toString(size), "should have at least " + schema.minItems + " items");
            }
            if (schema.maxItems != null && size > schema.maxItems) {
                add(path, Cause.TOO_MANY, "Too many: " + size + ": must have at most " + schema.maxItems + " items");
            }
            if (schema.uniqueItems && hasDuplicates(value)) {
                invalid(path, render(value), "shouldn't contain duplicates");
            }
        } else if (value.isObject()) {
            long size = value.size();
            if (schema.minProperties != null && size < schema.minProperties) {
                invalid(path, Long.toString(size), "should have at least " + schema.minProperties + " properties");
            }
            if (schema.maxProperties != null && size > schema.maxProperties) {
                add(path, Cause.TOO_MANY, "Too many: " + size + ": must have at most " + schema.maxProperties + " items");
            }
            for (String name : schema.required) {
                if (!value.has(name)) {
                    add(child(path, name), Cause.REQUIRED, "Required value");
                }
            }
        }
        composition(path, value, schema);
    }

    private void stringConstraints(String path, JsonNode value, SchemaNode schema) {
        String text = value.stringValue();
        long length = text.codePointCount(0, text.length());
        if (schema.minLength != null && length < schema.minLength) {
            invalid(path, render(value), "should be at least " + schema.minLength + " chars long");
        }
        if (schema.maxLength != null && length > schema.maxLength) {
            add(path, Cause.TOO_LONG, "Too long: may not be more than " + schema.maxLength + " bytes");
        }
        if (schema.pattern != null && !schema.pattern.matcher(text).find()) {
            invalid(path, render(value), "should match '" + schema.patternText + "'");
        }
        if (schema.format != null && !validFormat(schema.format, text)) {
            add(path, Cause.TYPE_INVALID, "Invalid value: " + render(value) + ": " + inBody(path) + " must be of type "
                    + schema.format + ": " + render(value));
        }
    }

    private static boolean validFormat(String format, String text) {
        try {
            switch (format) {
                case "date-time":
                    OffsetDateTime.parse(text);
                    return true;
                case "date":
                    LocalDate.parse(text);
                    return true;
                case "byte":
                    Base64.getDecoder().decode(text);
                    return true;
                default:
                    return true; // other formats are not enforced (see StructuralSchema)
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return false;
        }
    }

    private void numberConstraints(String path, JsonNode value, SchemaNode schema) {
        BigDecimal number = JsonValues.decimal(value);
        String shown = render(value);
        if (schema.minimum != null) {
            int cmp = number.compareTo(schema.minimum);
            if (schema.exclusiveMinimum ? cmp <= 0 : cmp < 0) {
                invalid(path, shown, "should be greater than " + (schema.exclusiveMinimum ? "" : "or equal to ")
                        + plain(schema.minimum));
            }
        }
        if (schema.maximum != null) {
            int cmp = number.compareTo(schema.maximum);
            if (schema.exclusiveMaximum ? cmp >= 0 : cmp > 0) {
                invalid(path, shown, "should be less than " + (schema.exclusiveMaximum ? "" : "or equal to ")
                        + plain(schema.maximum));
            }
        }
        if (schema.multipleOf != null && schema.multipleOf.signum() > 0
                && number.remainder(schema.multipleOf).signum() != 0) {
            invalid(path, shown, "should be a multiple of " + plain(schema.multipleOf));
        }
        if ("int32".equals(schema.format) && JsonValues.isIntegral(value)
                && (number.compareTo(BigDecimal.valueOf(INT32_MIN)) < 0
                        || number.compareTo(BigDecimal.valueOf(INT32_MAX)) > 0)) {
            add(path, Cause.TYPE_INVALID, "Invalid value: " + shown + ": " + inBody(path) + " must be of type int32: "
                    + shown);
        }
        if ("int64".equals(schema.format) && JsonValues.isIntegral(value) && number.toBigInteger().bitLength() > 63) {
            add(path, Cause.TYPE_INVALID, "Invalid value: " + shown + ": " + inBody(path) + " must be of type int64: "
                    + shown);
        }
    }

    private void composition(String path, JsonNode value, SchemaNode schema) {
        for (SchemaNode branch : schema.allOf) {
            value(path, value, branch, false);
        }
        if (!schema.anyOf.isEmpty() && schema.anyOf.stream().noneMatch(b -> passes(path, value, b))) {
            invalid(path, render(value), "must validate at least one schema (anyOf)");
        }
        if (!schema.oneOf.isEmpty() && schema.oneOf.stream().filter(b -> passes(path, value, b)).count() != 1) {
            invalid(path, render(value), "must validate one and only one schema (oneOf)");
        }
        if (schema.not != null && passes(path, value, schema.not)) {
            invalid(path, render(value), "must not validate the schema (not)");
        }
    }

    private static boolean passes(String path, JsonNode value, SchemaNode branch) {
        SchemaValidator probe = new SchemaValidator();
        probe.value(path, value, branch, false);
        return probe.causes.isEmpty();
    }

    private void object(String path, JsonNode value, SchemaNode schema, boolean strict) {
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            String name = e.getKey();
            String childPath = child(path, name);
            SchemaNode declared = schema.properties.get(name);
            if (schema.carriesObjectMeta() && "metadata".equals(name)) {
                metadata(childPath, e.getValue(), declared);
            } else if (declared != null) {
                value(childPath, e.getValue(), declared, strict);
            } else if (schema.carriesObjectMeta() && ("apiVersion".equals(name) || "kind".equals(name))) {
                continue;
            } else if (schema.additionalProperties != null) {
                value(childPath, e.getValue(), schema.additionalProperties, strict);
            } else if (strict && (!schema.preserveUnknownFields || schema.additionalPropertiesForbidden)) {
                add(childPath, Cause.UNKNOWN_FIELD, "unknown field \"" + childPath + "\"");
            }
        }
        if (schema.embeddedResource && strict) {
            for (String name : List.of("apiVersion", "kind")) {
                if (value.path(name).asString("").isEmpty()) {
                    add(child(path, name), Cause.REQUIRED, "Required value: must not be empty");
                }
            }
        }
    }

    private void array(String path, JsonNode value, SchemaNode schema, boolean strict) {
        if (schema.items != null) {
            for (int i = 0; i < value.size(); i++) {
                value(path + "[" + i + "]", value.get(i), schema.items, strict);
            }
        }
        if (!strict) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < value.size(); i++) {
            String identity = identity(value.get(i), schema);
            if (identity != null && !seen.add(identity)) {
                add(path + "[" + i + "]", Cause.DUPLICATE, "Duplicate value: " + identity);
            }
        }
    }

    /** What makes two elements the same in a set or map list, rendered as upstream prints duplicates. */
    private static String identity(JsonNode item, SchemaNode schema) {
        switch (schema.listType) {
            case SET:
                return JsonValues.canonical(item);
            case MAP: {
                if (!item.isObject()) {
                    return null;
                }
                TreeMap<String, JsonNode> keys = new TreeMap<>();
                schema.listMapKeys.forEach(k -> {
                    if (item.has(k)) {
                        keys.put(k, item.get(k));
                    }
                });
                return JsonValues.canonical(JsonValues.NODES.objectNode().setAll(keys));
            }
            default:
                return null;
        }
    }

    /**
     * ObjectMeta of the root or an embedded resource: its member names, and the shape of {@code name} and
     * {@code generateName}.
     */
    private void metadata(String path, JsonNode metadata, SchemaNode declared) {
        if (!metadata.isObject()) {
            typeInvalid(path, "object", JsonValues.typeName(metadata));
            return;
        }
        for (String member : metadata.propertyNames()) {
            if (!OBJECT_META_FIELDS.contains(member)) {
                String memberPath = child(path, member);
                add(memberPath, Cause.UNKNOWN_FIELD, "unknown field \"" + memberPath + "\"");
            }
        }
        for (String field : List.of("name", "generateName")) {
            JsonNode value = metadata.get(field);
            if (value == null) {
                continue;
            }
            String fieldPath = child(path, field);
            if (!value.isString()) {
                typeInvalid(fieldPath, "string", JsonValues.typeName(value));
                continue;
            }
            String text = value.stringValue();
            String checked = "generateName".equals(field) && text.endsWith("-") ? text.substring(0, text.length() - 1)
                    : text;
            if ("name".equals(field) || !checked.isEmpty()) {
                subdomain(fieldPath, value, checked);
            }
            SchemaNode constraints = declared == null ? null : declared.properties.get(field);
            if (constraints != null) {
                constraints(fieldPath, value, constraints);
            }
        }
    }

    private void subdomain(String path, JsonNode value, String text) {
        if (text.length() > SUBDOMAIN_MAX) {
            add(path, Cause.INVALID, "Invalid value: " + render(value) + ": must be no more than " + SUBDOMAIN_MAX
                    + " characters");
        }
        if (!SUBDOMAIN.matcher(text).matches()) {
            add(path, Cause.INVALID, "Invalid value: " + render(value) + ": a lowercase RFC 1123 subdomain must consist"
                    + " of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric"
                    + " character (e.g. 'example.com', regex used for validation is '" + DNS1123_SUBDOMAIN + "')");
        }
    }

    private static boolean hasDuplicates(JsonNode array) {
        Set<String> seen = new HashSet<>();
        for (JsonNode item : array) {
            if (!seen.add(JsonValues.canonical(item))) {
                return true;
            }
        }
        return false;
    }

    private void typeInvalid(String path, String expected, String actual) {
        add(path, Cause.TYPE_INVALID, "Invalid value: \"" + actual + "\": " + inBody(path) + " must be of type "
                + expected + ": \"" + actual + "\"");
    }

    private void invalid(String path, String shownValue, String detail) {
        add(path, Cause.INVALID, "Invalid value: " + shownValue + ": " + inBody(path) + " " + detail);
    }

    private void add(String path, String reason, String message) {
        causes.add(new Cause(path, reason, message));
    }

    private static String inBody(String path) {
        return (path.isEmpty() ? "." : path) + " in body";
    }

    static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** Renders a value as the API server quotes it in messages: strings quoted, other scalars bare, JSON otherwise. */
    static String render(JsonNode value) {
        return value.isNumber() ? plain(JsonValues.decimal(value)) : value.toString();
    }

    private static String plain(BigDecimal number) {
        return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
    }
}
