package dev.fulcrum.core.engine;

import dev.fulcrum.core.cluster.ClusterRef;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who wants to hear of a change to one WorkloadCluster (an agent's long poll, say). Fed by the reconciler's single
 * informer, so listening costs no extra watch on the management cluster.
 */
final class ClusterChanges {
  private final Map<ClusterRef, Set<Runnable>> listeners = new ConcurrentHashMap<>();

  /** Calls {@code listener} on every change of the cluster until the returned handle is closed. */
  AutoCloseable listen(ClusterRef ref, Runnable listener) {
    listeners.computeIfAbsent(ref, key -> ConcurrentHashMap.newKeySet()).add(listener);
    return () ->
        listeners.computeIfPresent(
            ref,
            (key, set) -> {
              set.remove(listener);
              return set.isEmpty() ? null : set;
            });
  }

  void changed(ClusterRef ref) {
    Set<Runnable> set = listeners.get(ref);
    if (set != null) {
      set.forEach(Runnable::run);
    }
  }
}
