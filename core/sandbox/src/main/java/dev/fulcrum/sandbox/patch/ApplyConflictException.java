package dev.fulcrum.sandbox.patch;

import java.util.List;

/**
 * A server-side apply that would change fields other managers own ({@code 409 Conflict}, reason {@code Conflict}).
 *
 * <p>The message is the API server's: {@code Apply failed with 1 conflict: conflict with "mgr" using apps/v1:
 * .spec.replicas}, or for several {@code Apply failed with 2 conflicts: conflicts with "a" using v1:\n- .spec.x\n...}.
 * {@link #conflicts()} gives one {@code Status.details.causes[]} entry per field: type {@link Conflict#TYPE}, message
 * {@code conflict with "mgr" using apps/v1}, field {@code .spec.replicas}.
 */
public final class ApplyConflictException extends PatchException {

    private static final long serialVersionUID = 1L;

    private final transient List<Conflict> conflicts;

    ApplyConflictException(String message, List<Conflict> conflicts) {
        super(409, message);
        this.conflicts = List.copyOf(conflicts);
    }

    /** @return one entry per conflicting field, grouped by manager */
    public List<Conflict> conflicts() {
        return conflicts;
    }

    /**
     * One conflicting field.
     *
     * @param manager the manager that owns the field, as the API server names it (e.g. {@code "kubectl" using v1})
     * @param field the field path, e.g. {@code .spec.containers[name="app"].image}
     */
    public record Conflict(String manager, String field) {

        /** The {@code Status} cause type of an apply conflict. */
        public static final String TYPE = "FieldManagerConflict";

        /** @return the cause message, {@code conflict with <manager>} */
        public String message() {
            return "conflict with " + manager;
        }
    }
}
