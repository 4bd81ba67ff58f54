/**
 * The write semantics of the sandbox API, as pure functions over Jackson 3 trees (no I/O, no shared mutable state):
 * {@link dev.fulcrum.sandbox.patch.MergePatch} (RFC 7386), {@link dev.fulcrum.sandbox.patch.JsonPatch} (RFC 6902),
 * {@link dev.fulcrum.sandbox.patch.StrategicMergePatch} (built-in kinds only), and
 * {@link dev.fulcrum.sandbox.patch.ServerSideApply} with {@code metadata.managedFields} in the FieldsV1 format.
 *
 * <p>How lists merge is described by {@link dev.fulcrum.sandbox.patch.ListSemantics}: for built-in kinds from the one
 * table in {@link dev.fulcrum.sandbox.patch.BuiltinTypes} (also the source of strategic-merge keys), for custom
 * resources from their CRD schema ({@code dev.fulcrum.sandbox.schema.StructuralSchema#listSemantics()}).
 *
 * <p>Failures are {@link dev.fulcrum.sandbox.patch.PatchException}s carrying the HTTP status kube-apiserver answers
 * with; the HTTP layer turns them into {@code Status} bodies.
 */
package dev.fulcrum.sandbox.patch;
