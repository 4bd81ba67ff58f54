package dev.fulcrum.core.request;

import dev.fulcrum.spi.FieldError;
import java.util.ArrayList;
import java.util.List;

/** The problems found while reading one request; reading goes on after a problem so all are reported. */
final class Problems {
  private final List<FieldError> errors = new ArrayList<>();

  void add(String path, String message) {
    errors.add(new FieldError(path, message));
  }

  void addAll(List<FieldError> found) {
    errors.addAll(found);
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  /** @throws InvalidRequestException if any problem was found */
  void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
  }
}
