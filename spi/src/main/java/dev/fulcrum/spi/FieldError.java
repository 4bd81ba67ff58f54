package dev.fulcrum.spi;

import java.util.Objects;

/**
 * One problem with a cluster request, located by a field path in the request's own syntax, e.g.
 * {@code spec.workerPools[1].replicas} or {@code spec.infrastructure.region}.
 *
 * <p>The message must let a person fix the request, and must never echo a secret value.
 *
 * @param path the field path, from the request's root
 * @param message what is wrong and what is expected
 */
public record FieldError(String path, String message) {
  public FieldError {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
