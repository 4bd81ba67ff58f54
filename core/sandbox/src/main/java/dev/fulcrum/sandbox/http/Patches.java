package dev.fulcrum.sandbox.http;

import dev.fulcrum.sandbox.api.ApiException;
import dev.fulcrum.sandbox.api.ResourceOperations;
import dev.fulcrum.sandbox.api.ResourceType;
import dev.fulcrum.sandbox.api.WriteOptions;
import dev.fulcrum.sandbox.api.WriteResult;
import dev.fulcrum.sandbox.store.Cluster;

/** PATCH by content type. Wired to the patch engines when they land (h-ssa). */
final class Patches {

  private final ResourceOperations operations;

  Patches(ResourceOperations operations) {
    this.operations = operations;
  }

  WriteResult patch(Cluster cluster, ResourceType type, String namespace, String name, String subresource,
      String contentType, byte[] body, WriteOptions options, boolean force) {
    throw ApiException.unsupportedMediaType(RequestBodies.mediaType(contentType));
  }
}
