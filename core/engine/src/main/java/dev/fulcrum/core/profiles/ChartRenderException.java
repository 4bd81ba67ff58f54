package dev.fulcrum.core.profiles;

/** Helm could not render a chart; the message is Helm's (or says why its output is unusable). */
public final class ChartRenderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ChartRenderException(String message) {
    super(message);
  }
}
