package dev.fulcrum.core.request;

import dev.fulcrum.spi.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown for a cluster request that cannot be accepted. It carries every problem found, each at its
 * field path; {@link #errors()} are sorted by path, and {@link #getMessage()} lists them one per
 * line as {@code path: message} (the first {@value #MAX_MESSAGE_LINES}, so that a hostile request
 * cannot flood a log; {@link #errors()} has them all).
 *
 * <p>The messages never contain secret input (keys, credential values), and the exception has no
 * cause: parser exceptions quote the input, so they are never attached.
 */
public final class InvalidRequestException extends RuntimeException {
  /** The most problems {@link #getMessage()} lists. */
  public static final int MAX_MESSAGE_LINES = 100;

  private static final long serialVersionUID = 1L;

  /** The path of problems with the request as a whole: not YAML, too large, too deep. */
  public static final String DOCUMENT_PATH = FieldPaths.DOCUMENT;

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

  /** The problems, one per line ({@code path: message}): at most {@value #MAX_MESSAGE_LINES}, then how many more. */
  @Override
  public String getMessage() {
    String listed =
        errors.stream().limit(MAX_MESSAGE_LINES).map(FieldError::toString).collect(Collectors.joining("\n"));
    int unlisted = errors.size() - MAX_MESSAGE_LINES;
    return unlisted > 0 ? listed + "\n… and " + unlisted + " more problems" : listed;
  }
}
