package dev.fulcrum.sandbox.http;

import dev.fulcrum.sandbox.api.ResourceCatalog;
import dev.fulcrum.sandbox.api.ResourceType;
import dev.fulcrum.sandbox.schema.OpenApiDocuments;
import dev.fulcrum.sandbox.support.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The OpenAPI v3 endpoints ({@code /openapi/v3} and one document per group-version), built from a catalog
 * snapshot and cached in it, enough for kubectl's default validation to hand field validation to the server.
 */
final class OpenApi {

  byte[] index(ResourceCatalog.Snapshot catalog) {
    return catalog.cached("openapi:index", () -> Json.bytes(documents(catalog).index()));
  }

  /** The group-version's document, or null when it is not served. */
  byte[] document(ResourceCatalog.Snapshot catalog, String group, String version) {
    String path = group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
    return catalog.cached("openapi:" + path, () -> documents(catalog).document(path).map(Json::bytes).orElse(null));
  }

  private static OpenApiDocuments documents(ResourceCatalog.Snapshot catalog) {
    return catalog.cached("openapi", () -> {
      List<OpenApiDocuments.Resource> resources = new ArrayList<>();
      for (ResourceType type : catalog.all()) {
        Set<String> subresources = new LinkedHashSet<>();
        if (type.statusSubresource()) {
          subresources.add("status");
        }
        if (type.scale() != null) {
          subresources.add("scale");
        }
        resources.add(new OpenApiDocuments.Resource(type.group(), type.version(), type.kind(), type.resource(),
            type.namespaced(), subresources, type.isCustom() ? customSchema(type) : null));
      }
      return OpenApiDocuments.of(resources);
    });
  }

  private static tools.jackson.databind.JsonNode customSchema(ResourceType type) {
    if (type.custom().schema() != null) {
      return type.custom().schema();
    }
    return Json.object().put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
  }
}
