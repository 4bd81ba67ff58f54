package dev.fulcrum.core.request;

import dev.fulcrum.spi.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown for a cluster request that cannot be accepted. It carries every problem found, each at its
 * field path; {@link #errors()} are sorted by path, and {@link #getMessage()} lists them one per
 * line as {@code path: message}.
 *
 * <p>The messages never contain secret input (keys, credential values), and the exception has no
 * cause: parser exceptions quote the input, so they are never attached.
 */
public final class InvalidRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<FieldError> errors;

  /**
   * @param errors the problems, in any order; at least one
   */
  public InvalidRequestException(List<FieldError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an invalid request has at least one error");
    }
    List<FieldError> sorted = new ArrayList<>(errors);
    // A stable sort: problems at one path keep the order in which they were found.
    sorted.sort((left, right) -> FieldPaths.ORDER.compare(left.path(), right.path()));
    this.errors = List.copyOf(sorted);
  }

  /** Every problem, sorted by path (list indexes in numeric order). */
  public List<FieldError> errors() {
    return errors;
  }

  /** Every problem, one per line: {@code path: message}. */
  @Override
  public String getMessage() {
    return errors.stream().map(FieldError::toString).collect(Collectors.joining("\n"));
  }
}
