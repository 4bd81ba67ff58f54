package dev.fulcrum.sandbox.api;

/**
 * One reason an API request failed, as in the {@code details.causes} of a Kubernetes {@code Status}.
 *
 * @param reason machine-readable cause type, e.g. {@code FieldValueRequired}
 * @param message human-readable explanation
 * @param field the field path the cause is about, e.g. {@code spec.replicas}; may be null
 */
public record StatusCause(String reason, String message, String field) {}
