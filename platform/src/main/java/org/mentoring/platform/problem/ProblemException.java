package org.mentoring.platform.problem;

import org.mentoring.contracts.problem.Problem;

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

    public ProblemException(int status, String kind, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.errors = List.copyOf(errors);
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

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    public int status() {
        return status;
    }

    public Problem toProblem(String instance) {
        return Problem.of(status, kind, title, getMessage(), instance).withErrors(errors);
    }
}
