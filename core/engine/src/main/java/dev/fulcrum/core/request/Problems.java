package dev.fulcrum.core.request;

import dev.fulcrum.spi.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * The problems found while reading one request or document; reading goes on after a problem so all
 * are reported.
 */
public final class Problems {
  /** An empty list of problems. */
  public Problems() {}

  private final List<FieldError> errors = new ArrayList<>();

  public void add(String path, String message) {
    errors.add(new FieldError(path, message));
  }

  public void addAll(List<FieldError> found) {
    errors.addAll(found);
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  /** @throws InvalidRequestException if any problem was found */
  public void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
  }
}
