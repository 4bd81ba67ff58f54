package dev.fulcrum.sandbox.api;

/**
 * A list request's options.
 *
 * @param limit the page size, 0 for everything
 * @param continueToken the {@code continue} of the previous page, or null
 */
public record ListOptions(LabelSelector labels, FieldSelector fields, int limit, String continueToken) {}
