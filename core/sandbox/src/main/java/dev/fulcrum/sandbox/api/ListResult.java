package dev.fulcrum.sandbox.api;

import dev.fulcrum.sandbox.store.Entry;
import java.util.List;

/**
 * One page of a list.
 *
 * @param continueToken the token for the next page, or null on the last page
 * @param remainingItemCount how many matching objects follow this page, or null when unknown
 */
public record ListResult(long resourceVersion, List<Entry> items, String continueToken, Long remainingItemCount) {}
