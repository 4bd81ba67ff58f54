package dev.fulcrum.core.engine;

/** What a reconcile asks for next. */
public enum Next {
  /** Nothing: the cluster is looked at again when it changes, or at the next resync. */
  IDLE,
  /** Look again after the poll interval: a step waits for something outside the engine. */
  POLL,
  /** Retry with backoff: something failed (the API server, a plugin) and may work next time. */
  RETRY,
  /**
   * Reconcile again at once: another writer (an agent's report, a user's apply) changed the cluster
   * during the pass, so its status was not written; a fresh pass reads the new version.
   */
  AGAIN
}
