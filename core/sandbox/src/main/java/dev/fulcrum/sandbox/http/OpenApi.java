package dev.fulcrum.sandbox.http;

import dev.fulcrum.sandbox.api.ResourceCatalog;

/** The OpenAPI v3 endpoints. Wired to the document builder when it lands (h-ssa). */
final class OpenApi {

  byte[] index(ResourceCatalog.Snapshot catalog, String requestPath) {
    return null;
  }

  byte[] document(ResourceCatalog.Snapshot catalog, String group, String version) {
    return null;
  }
}
