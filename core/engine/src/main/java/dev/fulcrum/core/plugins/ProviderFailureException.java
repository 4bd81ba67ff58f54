package dev.fulcrum.core.plugins;

/** A provider plugin failed or broke the SPI contract; the message names the provider and plugin. */
public final class ProviderFailureException extends RuntimeException {
  ProviderFailureException(String message) {
    super(message);
  }

  ProviderFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}
