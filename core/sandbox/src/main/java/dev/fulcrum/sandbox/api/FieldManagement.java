package dev.fulcrum.sandbox.api;

import dev.fulcrum.sandbox.api.WriteOptions.FieldValidation;
import dev.fulcrum.sandbox.patch.BuiltinTypes;
import dev.fulcrum.sandbox.patch.ListSemantics;
import dev.fulcrum.sandbox.patch.ServerSideApply;
import dev.fulcrum.sandbox.patch.UpdateOptions;
import dev.fulcrum.sandbox.schema.Cause;
import dev.fulcrum.sandbox.schema.StructuralSchema;
import dev.fulcrum.sandbox.support.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The write hooks a real apiserver applies: custom resources are defaulted and validated against their CRD's
 * structural schema (unknown fields per {@code fieldValidation}), and every non-apply write records the
 * fields it changed in {@code metadata.managedFields}.
 */
public final class FieldManagement implements ResourceOperations.WriteHooks {

  @Override
  public List<StatusCause> validateCustom(ResourceType type, ObjectNode object, WriteOptions options,
      List<String> warnings) {
    StructuralSchema schema = type.custom().structuralSchema();
    if (schema == null) {
      return List.of();
    }
    schema.applyDefaults(object);
    List<StatusCause> causes = new ArrayList<>();
    List<Cause> unknown = new ArrayList<>();
    for (Cause cause : schema.validate(object)) {
      if (cause.isUnknownField()) {
        unknown.add(cause);
      } else {
        causes.add(new StatusCause(cause.reason(), cause.message(), cause.field()));
      }
    }
    if (!unknown.isEmpty()) {
      if (options.fieldValidation() == FieldValidation.STRICT) {
        unknown.forEach(cause -> causes.add(new StatusCause(cause.reason(), cause.message(), cause.field())));
      } else {
        List<String> removed = schema.pruneUnknownFields(object);
        if (options.fieldValidation() == FieldValidation.WARN) {
          removed.forEach(path -> warnings.add("unknown field \"" + path + "\""));
        }
      }
    }
    return causes;
  }

  @Override
  public void trackUpdate(ResourceType type, ObjectNode before, ObjectNode after, String subresource,
      WriteOptions options, Instant now) {
    if (options.apply() || options.dryRun()) {
      return;
    }
    ObjectNode recorded = ServerSideApply.recordUpdate(before, after, new UpdateOptions(options.fieldManager(),
        type.apiVersion(), "status".equals(subresource) ? "status" : null, listSemantics(type), now,
        type.statusSubresource()));
    JsonNode managedFields = recorded.path("metadata").get("managedFields");
    ObjectNode metadata = Json.child(after, "metadata");
    if (managedFields == null) {
      metadata.remove("managedFields");
    } else {
      metadata.set("managedFields", managedFields);
    }
  }

  /** How a kind's lists merge: from the CRD schema, or the built-in table. */
  public static ListSemantics listSemantics(ResourceType type) {
    if (type.isCustom()) {
      StructuralSchema schema = type.custom().structuralSchema();
      return schema != null ? schema.listSemantics() : BuiltinTypes.customResource();
    }
    return BuiltinTypes.forKind(type.group(), type.kind()).orElse(ListSemantics.deduced());
  }
}
