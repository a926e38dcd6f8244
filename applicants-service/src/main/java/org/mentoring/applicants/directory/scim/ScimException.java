package org.mentoring.applicants.directory.scim;

/**
 * A refusal answered with the SCIM error schema ({@code urn:ietf:params:scim:api:messages:2.0:Error},
 * RFC 7644 section 3.12), content type {@code application/scim+json}; not problem+json.
 */
public class ScimException extends RuntimeException {

    private final int status;
    private final String scimType;

    public ScimException(int status, String scimType, String detail) {
        super(detail);
        this.status = status;
        this.scimType = scimType;
    }

    public static ScimException badRequest(String scimType, String detail) {
        return new ScimException(400, scimType, detail);
    }

    public static ScimException invalidValue(String detail) {
        return badRequest(ScimErrors.INVALID_VALUE, detail);
    }

    public static ScimException invalidSyntax(String detail) {
        return badRequest(ScimErrors.INVALID_SYNTAX, detail);
    }

    public static ScimException invalidFilter(String detail) {
        return badRequest(ScimErrors.INVALID_FILTER, detail);
    }

    public static ScimException invalidPath(String detail) {
        return badRequest(ScimErrors.INVALID_PATH, detail);
    }

    public static ScimException noTarget(String detail) {
        return badRequest(ScimErrors.NO_TARGET, detail);
    }

    public static ScimException mutability(String detail) {
        return badRequest(ScimErrors.MUTABILITY, detail);
    }

    public int status() {
        return status;
    }

    /** The {@code scimType} detail error keyword, or null (e.g. for 401, 403, 404, 412). */
    public String scimType() {
        return scimType;
    }
}
