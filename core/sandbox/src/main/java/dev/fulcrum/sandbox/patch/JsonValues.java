package dev.fulcrum.sandbox.patch;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Value semantics for JSON trees as Kubernetes sees them.
 *
 * <p>Jackson's {@code equals} tells an {@code IntNode 1} from a {@code LongNode 1}; the API server compares decoded
 * values, so {@link #equal(JsonNode, JsonNode)} compares numbers by value and objects without regard to key order. A
 * Java {@code null} or a {@linkplain JsonNode#isMissingNode() missing node} means "absent", which differs from JSON
 * {@code null}.
 */
public final class JsonValues {

    /** The node factory every tree built in these packages uses. */
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A plain JSON mapper for reading and writing trees inside this package. */
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonValues() {}

    /** @return whether the node is absent: a Java {@code null} or a missing node */
    public static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode();
    }

    /**
     * Compares two values structurally: numbers by numeric value, objects by their entries (in any order), arrays
     * element by element. Two absent values are equal; an absent value never equals JSON {@code null}.
     */
    public static boolean equal(JsonNode a, JsonNode b) {
        if (absent(a) || absent(b)) {
            return absent(a) && absent(b);
        }
        if (a.isNumber() && b.isNumber()) {
            return decimal(a).compareTo(decimal(b)) == 0;
        }
        if (a.getNodeType() != b.getNodeType()) {
            return false;
        }
        if (a.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                if (!equal(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            Iterator<JsonNode> left = a.iterator();
            Iterator<JsonNode> right = b.iterator();
            while (left.hasNext()) {
                if (!equal(left.next(), right.next())) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /**
     * The OpenAPI type name of a value as the API server reports it in "must be of type" messages:
     * {@code object, array, string, integer, number, boolean, null}.
     */
    public static String typeName(JsonNode node) {
        if (node.isObject()) {
            return "object";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isString()) {
            return "string";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isNumber()) {
            return isIntegral(node) ? "integer" : "number";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** @return whether the node is a number without a fractional part (JSON {@code 2.0} counts, as in Go) */
    public static boolean isIntegral(JsonNode node) {
        if (!node.isNumber()) {
            return false;
        }
        if (node.isIntegralNumber()) {
            return true;
        }
        BigDecimal value = decimal(node);
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    /** @return the exact decimal value of a numeric node */
    public static BigDecimal decimal(JsonNode node) {
        if (node.isIntegralNumber()) {
            return new BigDecimal(node.bigIntegerValue());
        }
        return node.decimalValue();
    }

    /**
     * Canonical compact JSON of a value: object keys sorted, integral numbers without a fraction. Two values are
     * {@link #equal} exactly when their canonical forms are the same string.
     */
    public static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder();
        appendCanonical(node, out);
        return out.toString();
    }

    private static void appendCanonical(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (String key : new java.util.TreeSet<>(node.propertyNames())) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(NODES.stringNode(key)).append(':');
                appendCanonical(node.get(key), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                appendCanonical(node.get(i), out);
            }
            out.append(']');
        } else if (node.isNumber()) {
            BigDecimal value = decimal(node);
            out.append(isIntegral(node) ? value.toBigInteger().toString() : value.stripTrailingZeros().toString());
        } else {
            out.append(node);
        }
    }
}
