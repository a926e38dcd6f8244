package org.mentoring.applicants.directory.service;

import org.mentoring.contracts.problem.Problem;

import java.util.List;

/**
 * A directory operation refused, independent of the door it came through: the SCIM endpoints turn it
 * into a SCIM error, the bulk import into problem+json. Field names are the directory's logical ones
 * ({@code userName}, {@code emails[0].value}, {@code location.latitude}, {@code manager}, ...).
 */
public class DirectoryException extends RuntimeException {

    public enum Kind { INVALID, UNIQUENESS, NOT_FOUND, PRECONDITION_FAILED }

    private final Kind kind;
    private final List<Problem.FieldError> errors;

    public DirectoryException(Kind kind, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    public DirectoryException(Kind kind, String detail) {
        this(kind, detail, List.of());
    }

    public static DirectoryException invalid(List<Problem.FieldError> errors) {
        return new DirectoryException(Kind.INVALID, PersonRules.describe(errors), errors);
    }

    public static DirectoryException invalid(String field, String message) {
        return invalid(List.of(new Problem.FieldError(field, message)));
    }

    public Kind kind() {
        return kind;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
