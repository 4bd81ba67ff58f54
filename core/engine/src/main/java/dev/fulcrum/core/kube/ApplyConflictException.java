package dev.fulcrum.core.kube;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A server-side apply refused because another field manager owns some of the fields Fulcrum
 * applies. Fulcrum takes fields over only from itself; someone else's change is reported, not
 * overwritten.
 */
public final class ApplyConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<FieldConflict> conflicts;

  ApplyConflictException(String object, List<FieldConflict> conflicts) {
    super(
        object
            + ": fields are managed by another field manager: "
            + conflicts.stream().map(FieldConflict::toString).collect(Collectors.joining(", ")));
    this.conflicts = List.copyOf(conflicts);
  }

  /** One entry per conflicting field. */
  public List<FieldConflict> conflicts() {
    return conflicts;
  }

  /**
   * A field another manager owns.
   *
   * @param manager the owning field manager's name
   * @param field the field path as the API server gives it, e.g. {@code .spec.replicas}
   */
  public record FieldConflict(String manager, String field) {
    @Override
    public String toString() {
      return field + " (owned by \"" + manager + "\")";
    }
  }
}
