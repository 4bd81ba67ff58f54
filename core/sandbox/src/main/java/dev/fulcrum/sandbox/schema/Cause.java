package dev.fulcrum.sandbox.schema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One validation problem, shaped like a {@code Status.details.causes[]} entry of a 422 {@code Invalid} response.
 *
 * @param field the field path as kube-apiserver writes it: {@code spec.topology.workers.machineDeployments[0].class}
 *     (no leading dot, list indexes in brackets)
 * @param reason the cause type: one of the {@code FieldValue…} constants
 * @param message the error body, e.g. {@code Invalid value: "string": spec.replicas in body must be of type integer:
 *     "string"} or {@code Required value}
 */
public record Cause(String field, String reason, String message) {

    /** A value that breaks a constraint (pattern, minimum, format, composition …). */
    public static final String INVALID = "FieldValueInvalid";
    /** A required field that is missing. */
    public static final String REQUIRED = "FieldValueRequired";
    /** A value outside an {@code enum}. */
    public static final String NOT_SUPPORTED = "FieldValueNotSupported";
    /** A value of the wrong JSON type (also a failed {@code format}, as upstream reports it). */
    public static final String TYPE_INVALID = "FieldValueTypeInvalid";
    /** A string longer than {@code maxLength}. */
    public static final String TOO_LONG = "FieldValueTooLong";
    /** A list or object above {@code maxItems}/{@code maxProperties}. */
    public static final String TOO_MANY = "FieldValueTooMany";
    /** A repeated element of an {@code x-kubernetes-list-type: set|map} list. */
    public static final String DUPLICATE = "FieldValueDuplicate";
    /**
     * A field the schema does not declare. Not an upstream cause type: kube-apiserver reports unknown fields as a
     * strict decoding error ({@link #strictDecodingMessage}) with {@code fieldValidation=Strict}, as a warning with
     * {@code Warn} (the default) and silently prunes them otherwise. The message is upstream's
     * {@code unknown field "spec.foo"}.
     */
    public static final String UNKNOWN_FIELD = "FieldValueUnknown";

    /** @return whether this cause is an undeclared field rather than a schema violation */
    public boolean isUnknownField() {
        return UNKNOWN_FIELD.equals(reason);
    }

    /** @return {@code field: message}, as one entry of the API server's aggregated message */
    @Override
    public String toString() {
        return isUnknownField() ? message : field + ": " + message;
    }

    /**
     * The {@code Status.message} of a 422 {@code Invalid} response: {@code Widget.example.dev "w" is invalid:
     * spec.size: Required value}, or for several causes {@code … is invalid: [a: …, b: …]}.
     *
     * @param qualifiedKind {@code Kind.group} ({@code Kind} alone for the core group)
     * @param name the object's name
     * @param causes the causes, at least one
     */
    public static String invalidMessage(String qualifiedKind, String name, List<Cause> causes) {
        String joined = causes.stream().map(Cause::toString).collect(Collectors.joining(", "));
        return qualifiedKind + " \"" + name + "\" is invalid: " + (causes.size() == 1 ? joined : "[" + joined + "]");
    }

    /**
     * The message of kube-apiserver's strict decoding error for unknown fields ({@code fieldValidation=Strict}):
     * {@code strict decoding error: unknown field "spec.foo", unknown field "spec.bar"}.
     */
    public static String strictDecodingMessage(List<Cause> unknownFields) {
        return "strict decoding error: " + unknownFields.stream().map(Cause::message).collect(Collectors.joining(", "));
    }
}
