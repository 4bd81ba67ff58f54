package dev.fulcrum.sandbox.api;

import dev.fulcrum.sandbox.store.Entry;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The outcome of a write.
 *
 * @param object the object as stored (or as it would be, for a dry run); for an immediate delete, its final
 *     state
 * @param created whether the write created the object (201)
 * @param removed whether the write removed the object from the store
 * @param warnings texts for {@code Warning} response headers
 * @param durable completes when the change is persisted
 */
public record WriteResult(Entry object, boolean created, boolean removed, List<String> warnings,
    CompletableFuture<Void> durable) {}
