package dev.fulcrum.sandbox.patch;

/**
 * A patch or apply request that cannot be carried out, with the HTTP status the API server answers with.
 *
 * <p>The status follows kube-apiserver: a body that cannot be decoded as a patch is {@code 400 BadRequest}; a well-formed
 * patch that does not apply to the object (a failed JSON-patch {@code test}, a path that does not exist) is
 * {@code 422 Unprocessable Entity}; a strategic merge patch on a custom resource is {@code 415 Unsupported Media Type};
 * server-side apply conflicts are {@code 409 Conflict} ({@link ApplyConflictException}). The message is meant for the
 * {@code Status.message} of the error response and never contains field values beyond what the request itself sent.
 */
public class PatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;

    /**
     * @param httpStatus the HTTP status code the API server answers with
     * @param message the message for the {@code Status} body
     */
    public PatchException(int httpStatus, String message) {
        super(message);
        this.httpStatus = httpStatus;
    }

    /** @return the HTTP status code (400, 409, 415 or 422) */
    public int httpStatus() {
        return httpStatus;
    }

    /** A {@code 400 BadRequest}: the request body is not a patch of the declared type. */
    static PatchException badRequest(String message) {
        return new PatchException(400, message);
    }

    /** A {@code 422 Unprocessable Entity}: the patch is well-formed but cannot be applied to this object. */
    static PatchException unprocessable(String message) {
        return new PatchException(422, message);
    }
}
