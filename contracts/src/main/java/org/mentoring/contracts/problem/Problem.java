package org.mentoring.contracts.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error answer of the gateway and the services.
 * {@code errors} names each offending field when the request body or parameters were invalid.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /**
     * Base of our problem type URIs; the last segment names the kind of problem ({@link ProblemType}). Relative, so a
     * type resolves to its page at the gateway that answered.
     */
    public static final String TYPE_BASE = ProblemType.BASE;

    /** One invalid field: a JSON-pointer-like dotted path and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    /** A problem of a catalogued type, with its status and title. */
    public static Problem of(ProblemType type, String detail, String instance) {
        return of(type, type.status(), detail, instance);
    }

    /** A problem of a catalogued type answered with another status (a framework's HTTP error without a type of its own). */
    public static Problem of(ProblemType type, int status, String detail, String instance) {
        return new Problem(type.uri(), type.title(), status, detail, instance, List.of());
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, List.copyOf(fieldErrors));
    }
}
