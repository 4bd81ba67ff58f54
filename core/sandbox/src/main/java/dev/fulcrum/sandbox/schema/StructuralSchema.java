package dev.fulcrum.sandbox.schema;

import dev.fulcrum.sandbox.patch.ListSemantics;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A CRD version's {@code openAPIV3Schema}, compiled once, then used to validate, default and prune custom resources
 * the way kube-apiserver does, and to tell server-side apply how its lists merge.
 *
 * <h2>Why hand-written rather than networknt json-schema-validator</h2>
 * Structural schemas are OpenAPI v3 with Kubernetes semantics JSON Schema lacks: {@code nullable},
 * {@code x-kubernetes-int-or-string}, {@code x-kubernetes-preserve-unknown-fields} (which turns "unknown field" errors
 * off for a subtree), {@code x-kubernetes-embedded-resource}, implicit {@code apiVersion/kind/metadata} at the root,
 * list-type uniqueness, and unknown fields reported as errors (strict field validation) rather than allowed. Mapping
 * those onto a generic validator means rewriting the schema and then re-parsing its messages into apiserver causes;
 * validating the structural subset directly is smaller and gives upstream's paths and messages exactly.
 *
 * <h2>What is checked</h2>
 * {@code type} (integers accept {@code 2.0} as Go does), {@code nullable}, {@code required}, {@code enum},
 * {@code minimum}/{@code maximum} (+ exclusive), {@code multipleOf}, {@code minLength}/{@code maxLength} (code points),
 * {@code pattern} (Java regex; a pattern Java cannot compile is not enforced), {@code minItems}/{@code maxItems},
 * {@code uniqueItems}, {@code minProperties}/{@code maxProperties}, {@code additionalProperties}, {@code items},
 * {@code allOf}/{@code anyOf}/{@code oneOf}/{@code not} (value constraints only, as structural schemas allow),
 * {@code format} for {@code int32}, {@code int64}, {@code date-time}, {@code date}, {@code byte} (other formats are
 * accepted as strings), duplicates in {@code x-kubernetes-list-type: set|map} lists, undeclared fields, and of the
 * metadata only member names (those of {@code ObjectMeta}) and the shape of {@code metadata.name}/{@code generateName}
 * (DNS-1123 subdomain, plus any constraints the schema declares for them); apiVersion, kind and metadata are always
 * allowed at the root and in {@code x-kubernetes-embedded-resource} objects.
 *
 * <h2>Not checked</h2>
 * {@code x-kubernetes-validations} (CEL rules, including transition rules and {@code messageExpression}) are not
 * evaluated; {@link #skippedValidationRules()} counts them. Validation ratcheting is not applied.
 *
 * <h2>Order on a write, as kube-apiserver does it</h2>
 * <ol>
 *   <li>{@link #validate} for unknown fields only ({@link Cause#isUnknownField()}): reject them with
 *       {@code fieldValidation=Strict} ({@link Cause#strictDecodingMessage}), warn with {@code Warn}, then
 *       {@link #pruneUnknownFields} for {@code Warn}/{@code Ignore};</li>
 *   <li>{@link #applyDefaults}: fills defaults and drops {@code null}s the schema does not allow (upstream prunes them
 *       silently rather than rejecting them);</li>
 *   <li>{@link #validate} and answer {@code 422 Invalid} with the remaining causes
 *       ({@link Cause#invalidMessage}).</li>
 * </ol>
 * Called on an object that was not defaulted, {@link #validate} reports a disallowed {@code null} as a type error.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class StructuralSchema {

    private final SchemaNode root;

    private StructuralSchema(SchemaNode root) {
        this.root = root;
    }

    /**
     * Compiles a schema.
     *
     * @param openAPIV3Schema {@code spec.versions[].schema.openAPIV3Schema} of a CRD
     * @throws IllegalArgumentException when it is not a JSON object
     */
    public static StructuralSchema of(JsonNode openAPIV3Schema) {
        if (openAPIV3Schema == null || !openAPIV3Schema.isObject()) {
            throw new IllegalArgumentException("openAPIV3Schema must be a JSON object");
        }
        return new StructuralSchema(SchemaNode.root(openAPIV3Schema));
    }

    /**
     * Validates an object, reporting every problem at once. Unknown fields come back as causes with reason
     * {@link Cause#UNKNOWN_FIELD}; the caller decides per {@code fieldValidation} whether they are errors.
     *
     * @return the causes, in document order; empty when the object is valid
     */
    public List<Cause> validate(JsonNode object) {
        Objects.requireNonNull(object, "object");
        return SchemaValidator.validate(root, object);
    }

    /**
     * Applies the schema's {@code default} values in place, as the API server does when it decodes a request or reads
     * from storage; a {@code null} in a non-nullable field takes the default or is removed.
     */
    public void applyDefaults(ObjectNode object) {
        SchemaDefaulter.applyDefaults(Objects.requireNonNull(object, "object"), root);
    }

    /**
     * Removes undeclared fields in place ({@code fieldValidation=Ignore|Warn} behaviour).
     *
     * @return the paths removed, e.g. {@code spec.foo}, for {@code unknown field} warnings
     */
    public List<String> pruneUnknownFields(ObjectNode object) {
        List<String> removed = new ArrayList<>();
        SchemaDefaulter.prune("", Objects.requireNonNull(object, "object"), root, removed);
        return List.copyOf(removed);
    }

    /**
     * @return how lists and maps merge in server-side apply, from {@code x-kubernetes-list-type},
     *     {@code x-kubernetes-list-map-keys} and {@code x-kubernetes-map-type}; lists default to atomic;
     *     {@code metadata} uses the standard object-metadata semantics
     */
    public ListSemantics listSemantics() {
        return root;
    }

    /** @return how many {@code x-kubernetes-validations} rules the schema has; none of them is evaluated */
    public int skippedValidationRules() {
        return root.celRulesBelow();
    }
}
