package dev.fulcrum.sandbox.api;

/**
 * A delete request's options.
 *
 * @param propagationPolicy null when the client did not say (then existing GC finalizers stay as they are)
 * @param preconditionUid delete only if the object has this uid; may be null
 * @param preconditionResourceVersion delete only if the object has this resourceVersion; may be null
 */
public record DeleteOptions(PropagationPolicy propagationPolicy, String preconditionUid,
    String preconditionResourceVersion, boolean dryRun) {

  public enum PropagationPolicy { BACKGROUND, FOREGROUND, ORPHAN }

  public static final DeleteOptions BACKGROUND = new DeleteOptions(PropagationPolicy.BACKGROUND, null, null, false);

  public PropagationPolicy effectivePolicy() {
    return propagationPolicy == null ? PropagationPolicy.BACKGROUND : propagationPolicy;
  }
}
