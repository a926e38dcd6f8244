package org.mentoring.platform.problem;

import org.mentoring.contracts.problem.Problem;

import java.time.Duration;
import java.util.List;

/**
 * Thrown by service code to answer with a problem+json document. The mapping in
 * {@link ProblemMappers} turns it into the HTTP answer; nothing else needs to know about HTTP.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String kind;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Duration retryAfter;

    public ProblemException(int status, String kind, String title, String detail, List<Problem.FieldError> errors) {
        this(status, kind, title, detail, errors, null);
    }

    private ProblemException(int status, String kind, String title, String detail, List<Problem.FieldError> errors,
                             Duration retryAfter) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public ProblemException(int status, String kind, String title, String detail) {
        this(status, kind, title, detail, List.of());
    }

    /** 404. Also used for objects that exist but belong to someone else, so ids do not leak. */
    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "not-found", "Not found", what + " " + id + " does not exist or is not visible to you.");
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail);
    }

    /** 400 naming one field. */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(400, "validation", "Invalid request",
                "The request has an invalid field: " + field + " " + message + ".",
                List.of(new Problem.FieldError(field, message)));
    }

    /**
     * 409 {@code not-yet-consistent}, with {@code Retry-After}: the command depends on another service's event that has
     * not reached this service yet (an agreement signed a moment ago, say). The same request is expected to succeed once
     * the event arrives; a client may retry it after {@code retryAfter} without changing anything.
     */
    public static ProblemException notYetConsistent(String detail, Duration retryAfter) {
        return new ProblemException(409, "not-yet-consistent", "Not yet consistent", detail, List.of(), retryAfter);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    public int status() {
        return status;
    }

    /** How long a client should wait before sending the same request again; null when retrying will not help. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public Problem toProblem(String instance) {
        return Problem.of(status, kind, title, getMessage(), instance).withErrors(errors);
    }
}
