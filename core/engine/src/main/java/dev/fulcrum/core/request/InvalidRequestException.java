package dev.fulcrum.core.request;

import dev.fulcrum.spi.FieldError;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * PLACEHOLDER (h-render): stands in for the real class from h-request until the lead merges it.
 * Thrown for input that cannot be accepted; errors are sorted by path.
 */
public final class InvalidRequestException extends RuntimeException {
  private final List<FieldError> errors;

  public InvalidRequestException(List<FieldError> errors) {
    super(errors.stream().sorted(Comparator.comparing(FieldError::path)).map(FieldError::toString).collect(Collectors.joining("\n")));
    this.errors = errors.stream().sorted(Comparator.comparing(FieldError::path)).toList();
  }

  public List<FieldError> errors() {
    return errors;
  }
}
