package org.mentoring.platform.problem;

import org.mentoring.contracts.problem.Problem;
import org.mentoring.contracts.problem.ProblemType;

import java.time.Duration;
import java.util.List;

/**
 * Thrown by service code to answer with a problem+json document of a catalogued {@link ProblemType}. The mapping in
 * {@link ProblemMappers} turns it into the HTTP answer; nothing else needs to know about HTTP.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.FieldError> errors;
    private final Duration retryAfter;

    public ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors) {
        this(type, detail, errors, null);
    }

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of(), null);
    }

    private ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors, Duration retryAfter) {
        super(detail);
        this.type = type;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** 404. Also used for objects that exist but belong to someone else, so ids do not leak. */
    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " " + id + " does not exist or is not visible to you.");
    }

    /** 400 naming one field. */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION, "The request has an invalid field: " + field + " " + message + ".",
                List.of(new Problem.FieldError(field, message)));
    }

    /**
     * 409 {@code not-yet-consistent}, with {@code Retry-After}: the command depends on another service's event that has
     * not reached this service yet (an agreement signed a moment ago, say). The same request is expected to succeed once
     * the event arrives; a client may retry it after {@code retryAfter} without changing anything.
     */
    public static ProblemException notYetConsistent(String detail, Duration retryAfter) {
        return new ProblemException(ProblemType.NOT_YET_CONSISTENT, detail, List.of(), retryAfter);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemType.FORBIDDEN, detail);
    }

    public ProblemType type() {
        return type;
    }

    public int status() {
        return type.status();
    }

    /** How long a client should wait before sending the same request again; null when retrying will not help. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public Problem toProblem(String instance) {
        return Problem.of(type, getMessage(), instance).withErrors(errors);
    }
}
