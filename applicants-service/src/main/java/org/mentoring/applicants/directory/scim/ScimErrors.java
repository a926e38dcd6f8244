package org.mentoring.applicants.directory.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.CompositeException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.mentoring.applicants.directory.service.DirectoryException;
import org.mentoring.contracts.problem.Problem;
import org.mentoring.platform.problem.ProblemException;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns any failure on a {@code /scim/v2} endpoint into a SCIM error response. Field names of the
 * directory become SCIM attribute paths, extension attributes with their schema URN.
 */
public final class ScimErrors {

    public static final String INVALID_FILTER = "invalidFilter";
    public static final String INVALID_SYNTAX = "invalidSyntax";
    public static final String INVALID_PATH = "invalidPath";
    public static final String INVALID_VALUE = "invalidValue";
    public static final String UNIQUENESS = "uniqueness";
    public static final String MUTABILITY = "mutability";
    public static final String NO_TARGET = "noTarget";
    public static final String TOO_MANY = "tooMany";

    private static final Logger LOG = Logger.getLogger(ScimErrors.class);

    private ScimErrors() {
    }

    public static Response toResponse(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompositeException composite && !composite.getCauses().isEmpty()) {
            t = composite.getCauses().get(0);
        }
        if (t instanceof ScimException se) {
            return error(se.status(), se.scimType(), se.getMessage());
        }
        if (t instanceof DirectoryException de) {
            return switch (de.kind()) {
                case INVALID -> error(400, INVALID_VALUE, describe(de.errors(), de.getMessage()));
                case UNIQUENESS -> error(409, UNIQUENESS, de.getMessage());
                case NOT_FOUND -> error(404, null, de.getMessage());
                case PRECONDITION_FAILED -> error(412, null, de.getMessage());
            };
        }
        if (t instanceof ProblemException pe) {
            return error(pe.status(), pe.status() == 400 ? INVALID_VALUE : null, pe.getMessage());
        }
        if (t instanceof UnauthorizedException || t instanceof AuthenticationFailedException) {
            return Response.fromResponse(error(401, null,
                            "A valid bearer token is required: send 'Authorization: Bearer <access token>'."))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
        }
        if (t instanceof ForbiddenException) {
            return error(403, null, "The SCIM endpoints are for the hr-integration role only.");
        }
        if (t instanceof JsonProcessingException json) {
            return error(400, INVALID_SYNTAX, "The request body is not valid JSON: " + json.getOriginalMessage());
        }
        if (t instanceof WebApplicationException wae) {
            if (wae.getCause() instanceof JsonProcessingException json) {
                return error(400, INVALID_SYNTAX, "The request body is not valid JSON: " + json.getOriginalMessage());
            }
            int status = wae.getResponse().getStatus();
            if (status < 500) {
                String detail = switch (status) {
                    case 404 -> "No such SCIM resource.";
                    case 405 -> "This method is not allowed here.";
                    case 406 -> "Ask for application/scim+json or application/json.";
                    case 415 -> "Send application/scim+json (or application/json).";
                    default -> wae.getMessage();
                };
                return error(status, null, detail);
            }
        }
        if (isUniqueViolation(t)) {
            return error(409, UNIQUENESS, "userName or externalId is already taken by another user.");
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(t, "Unexpected failure on a SCIM endpoint (incident %s)", incident);
        return error(500, null, "Something went wrong on our side; quote incident " + incident + " when you report it.");
    }

    public static Response error(int status, String scimType, String detail) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("schemas").add(Scim.ERROR);
        body.put("status", String.valueOf(status));
        if (scimType != null) {
            body.put("scimType", scimType);
        }
        body.put("detail", detail);
        return Response.status(status).type(Scim.MEDIA_TYPE).entity(Scim.write(body)).build();
    }

    /** A directory field as a SCIM attribute path. */
    public static String attribute(String field) {
        if (field.startsWith("location.") || field.startsWith("languages") || field.equals("hireDate")
                || field.equals("birthYear") || field.equals("grade")) {
            return Scim.MATCHING + ":" + field;
        }
        if (field.equals("manager")) {
            return Scim.ENTERPRISE + ":manager.value";
        }
        if (field.equals("employeeNumber") || field.equals("organization") || field.equals("department")) {
            return Scim.ENTERPRISE + ":" + field;
        }
        return field;
    }

    private static String describe(List<Problem.FieldError> errors, String fallback) {
        if (errors.isEmpty()) {
            return fallback;
        }
        return "Invalid attribute values: " + errors.stream().map(e -> attribute(e.field()) + " " + e.message())
                .collect(Collectors.joining("; ")) + ".";
    }

    private static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (c instanceof org.hibernate.exception.ConstraintViolationException cve
                    && cve.getMessage() != null && cve.getMessage().toLowerCase(Locale.ROOT).contains("directory_person")) {
                return true;
            }
        }
        return false;
    }
}
