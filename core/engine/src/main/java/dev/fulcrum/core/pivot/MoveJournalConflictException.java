package dev.fulcrum.core.pivot;

/** Another writer changed the move journal since it was read: a concurrent move of the same namespace. */
public final class MoveJournalConflictException extends MoveException {
  private static final long serialVersionUID = 1L;

  public MoveJournalConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
