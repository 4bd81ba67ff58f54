package dev.fulcrum.sandbox.api;

/**
 * Query parameters shared by create, update and patch.
 *
 * @param fieldManager who makes the change (for managedFields); never null
 * @param dryRun {@code dryRun=All}: validate and answer, but store nothing
 * @param fieldValidation how unknown fields are treated
 * @param apply whether the write is a server-side apply (which computes field ownership itself)
 */
public record WriteOptions(String fieldManager, boolean dryRun, FieldValidation fieldValidation, boolean apply) {

  /** {@code fieldValidation}: unknown or duplicate fields fail the request, are reported, or are dropped. */
  public enum FieldValidation { STRICT, WARN, IGNORE }

  /** What the sandbox's own controllers use. */
  public static WriteOptions system(String manager) {
    return new WriteOptions(manager, false, FieldValidation.IGNORE, false);
  }

  public WriteOptions asApply() {
    return new WriteOptions(fieldManager, dryRun, fieldValidation, true);
  }
}
