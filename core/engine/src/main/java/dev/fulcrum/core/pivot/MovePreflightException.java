package dev.fulcrum.core.pivot;

import java.util.List;

/**
 * The move set is not ready to move (provisioning incomplete, owners outside the move set, cycles): the move stopped
 * before changing anything.
 */
public final class MovePreflightException extends MoveException {
  private static final long serialVersionUID = 1L;

  private final List<String> violations;

  MovePreflightException(String namespace, List<String> violations) {
    super("nothing was changed: namespace " + namespace + " is not ready to move: " + String.join("; ", violations));
    this.violations = List.copyOf(violations);
  }

  /** Every violation, each naming its object. */
  public List<String> violations() {
    return violations;
  }
}
