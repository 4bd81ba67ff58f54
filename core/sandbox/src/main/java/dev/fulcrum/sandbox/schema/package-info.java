/**
 * Custom-resource schemas and API documents for the sandbox API, as pure functions over Jackson 3 trees:
 * {@link dev.fulcrum.sandbox.schema.StructuralSchema} validates (kube-apiserver causes, strict unknown-field
 * detection), defaults and prunes objects against a CRD's {@code openAPIV3Schema};
 * {@link dev.fulcrum.sandbox.schema.OpenApiDocuments} builds the OpenAPI v3 index and group-version documents that
 * kubectl reads before it creates or applies.
 */
package dev.fulcrum.sandbox.schema;
