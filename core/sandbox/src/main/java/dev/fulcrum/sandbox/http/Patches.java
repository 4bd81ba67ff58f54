package dev.fulcrum.sandbox.http;

import dev.fulcrum.sandbox.api.ApiException;
import dev.fulcrum.sandbox.api.FieldManagement;
import dev.fulcrum.sandbox.api.ResourceOperations;
import dev.fulcrum.sandbox.api.ResourceOperations.Mutation;
import dev.fulcrum.sandbox.api.ResourceType;
import dev.fulcrum.sandbox.api.StatusCause;
import dev.fulcrum.sandbox.api.WriteOptions;
import dev.fulcrum.sandbox.api.WriteResult;
import dev.fulcrum.sandbox.patch.ApplyConflictException;
import dev.fulcrum.sandbox.patch.ApplyOptions;
import dev.fulcrum.sandbox.patch.JsonPatch;
import dev.fulcrum.sandbox.patch.MergePatch;
import dev.fulcrum.sandbox.patch.PatchException;
import dev.fulcrum.sandbox.patch.ServerSideApply;
import dev.fulcrum.sandbox.patch.StrategicMergePatch;
import dev.fulcrum.sandbox.store.Cluster;
import dev.fulcrum.sandbox.support.Json;
import java.time.Clock;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * PATCH by content type: JSON patch, JSON merge patch, strategic merge patch (built-in kinds only) and
 * server-side apply. The patch is applied to the current object inside the writer's critical section, so a
 * resourceVersion it carries is a precondition checked against exactly what it was applied to.
 */
final class Patches {

  private static final String JSON_PATCH = "application/json-patch+json";
  private static final String MERGE_PATCH = "application/merge-patch+json";
  private static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
  private static final String APPLY_PATCH = "application/apply-patch+yaml";
  private static final String APPLY_PATCH_JSON = "application/apply-patch+json";

  private final ResourceOperations operations;
  private final Clock clock;

  Patches(ResourceOperations operations, Clock clock) {
    this.operations = operations;
    this.clock = clock;
  }

  WriteResult patch(Cluster cluster, ResourceType type, String namespace, String name, String subresource,
      String contentType, byte[] body, WriteOptions options, boolean force, boolean managerGiven) {
    String mediaType = RequestBodies.mediaType(contentType);
    boolean apply = mediaType.equals(APPLY_PATCH) || mediaType.equals(APPLY_PATCH_JSON);
    if (force && !apply) {
      throw ApiException.invalid("meta.k8s.io", "PatchOptions", "", "force", "FieldValueForbidden",
          "Forbidden: may not be specified for non-apply patch");
    }
    if (!apply && !mediaType.equals(JSON_PATCH) && !mediaType.equals(MERGE_PATCH)
        && !mediaType.equals(STRATEGIC_MERGE_PATCH)) {
      throw ApiException.unsupportedMediaType(mediaType);
    }
    if (mediaType.equals(STRATEGIC_MERGE_PATCH) && type.isCustom()) {
      throw ApiException.unsupportedMediaType(mediaType);
    }
    JsonNode patch = decode(mediaType, body);
    try {
      if (apply) {
        return apply(cluster, type, namespace, name, subresource, patch, options, force, managerGiven);
      }
      Mutation mutation = switch (mediaType) {
        case JSON_PATCH -> current -> object(JsonPatch.apply(current, patch));
        case MERGE_PATCH -> current -> object(MergePatch.apply(current, requireObject(patch)));
        case STRATEGIC_MERGE_PATCH ->
            current -> object(StrategicMergePatch.apply(current, patch, type.group(), type.kind()));
        default -> throw ApiException.unsupportedMediaType(mediaType);
      };
      if ("scale".equals(subresource)) {
        Mutation onScale = mutation;
        mutation = current -> Scales.applyTo(type, current, onScale.apply(Scales.of(type, current)));
      }
      return operations.mutate(cluster, type, namespace, name, subresource, mutation, false, options);
    } catch (ApplyConflictException e) {
      List<StatusCause> causes = e.conflicts().stream()
          .map(c -> new StatusCause(ApplyConflictException.Conflict.TYPE, c.message(), c.field())).toList();
      throw ApiException.withCauses(409, "Conflict", e.getMessage(), type.group(), type.resource(), name, causes);
    } catch (PatchException e) {
      throw ApiException.of(e.httpStatus(), reason(e.httpStatus()), e.getMessage());
    }
  }

  private WriteResult apply(Cluster cluster, ResourceType type, String namespace, String name, String subresource,
      JsonNode patch, WriteOptions options, boolean force, boolean managerGiven) {
    if (!managerGiven) {
      throw ApiException.invalid("meta.k8s.io", "PatchOptions", "", "fieldManager", "FieldValueRequired",
          "Required value: is required for apply patch");
    }
    if ("scale".equals(subresource)) {
      throw ApiException.of(415, "UnsupportedMediaType", "server-side apply to the scale subresource is not "
          + "supported by the sandbox; apply spec.replicas on the object instead");
    }
    ObjectNode applied = requireObject(patch);
    String appliedName = applied.path("metadata").path("name").stringValue("");
    if (!appliedName.equals(name)) {
      throw ApiException.badRequest("the name of the object (" + appliedName + ") does not match the name on the URL ("
          + name + ")");
    }
    String precondition = applied.path("metadata").path("resourceVersion").stringValue("");
    ApplyOptions applyOptions = new ApplyOptions(options.fieldManager(), force, type.apiVersion(), subresource,
        FieldManagement.listSemantics(type), clock.instant(), type.statusSubresource());
    Mutation mutation = current -> {
      ObjectNode result = ServerSideApply.apply(current, applied, applyOptions);
      if (!precondition.isEmpty()) {
        Json.child(result, "metadata").put("resourceVersion", precondition);
      }
      return result;
    };
    return operations.mutate(cluster, type, namespace, name, subresource, mutation, true, options.asApply());
  }

  private static JsonNode decode(String mediaType, byte[] body) {
    if (body.length == 0) {
      throw ApiException.badRequest("the patch is empty");
    }
    try {
      return mediaType.equals(APPLY_PATCH) ? Json.parseYaml(body) : Json.parse(body);
    } catch (JacksonException e) {
      throw ApiException.badRequest("the patch is not valid " + (mediaType.equals(APPLY_PATCH) ? "YAML" : "JSON")
          + ": " + e.getOriginalMessage());
    }
  }

  private static ObjectNode requireObject(JsonNode node) {
    if (!(node instanceof ObjectNode object)) {
      throw ApiException.badRequest("the patch must be a JSON object");
    }
    return object;
  }

  private static ObjectNode object(JsonNode node) {
    if (!(node instanceof ObjectNode object)) {
      throw ApiException.of(422, "Invalid", "the patched object is not a JSON object");
    }
    return object;
  }

  private static String reason(int code) {
    return switch (code) {
      case 400 -> "BadRequest";
      case 409 -> "Conflict";
      case 415 -> "UnsupportedMediaType";
      default -> "Invalid";
    };
  }
}
