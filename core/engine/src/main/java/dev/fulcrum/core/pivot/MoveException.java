package dev.fulcrum.core.pivot;

/** A move that did not complete; the message says what happened and what state both clusters are in. */
public class MoveException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MoveException(String message) {
    super(message);
  }

  public MoveException(String message, Throwable cause) {
    super(message, cause);
  }
}
