package org.mentoring.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.CompositeException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.mentoring.contracts.logging.LogSafe;
import org.mentoring.contracts.problem.Problem;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.platform.inbox.Failures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The single classifier from a failure to an RFC 9457 answer. Every exception mapper delegates here,
 * so a failure maps the same way whether it arrives bare or wrapped by Mutiny.
 */
public final class Problems {

    private static final Logger LOG = Logger.getLogger(Problems.class);

    /** How long a client should wait before retrying after a 503: a database failover or broker restart. */
    static final String RETRY_AFTER_SECONDS = "5";

    private Problems() {
    }

    public static Response toResponse(Throwable failure, String instance) {
        Throwable t = unwrap(failure);
        Problem problem = classify(t, instance);
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem);
        if (problem.status() == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (problem.status() == 503 && !(t instanceof WebApplicationException wae
                && wae.getResponse().getHeaders().containsKey(HttpHeaders.RETRY_AFTER))) {
            builder.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        if (t instanceof ProblemException pe && pe.retryAfter() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (pe.retryAfter().toMillis() + 999) / 1000)));
        }
        if (t instanceof WebApplicationException wae) {
            // keep headers such as Allow on 405 or ETag on 412
            wae.getResponse().getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE) && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                    values.forEach(v -> builder.header(name, v));
                }
            });
        }
        return builder.build();
    }

    /** Mutiny wraps failures of combined Unis; the first one is the one to report. */
    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while (current instanceof CompositeException composite && !composite.getCauses().isEmpty()) {
            current = composite.getCauses().get(0);
        }
        return current;
    }

    static Problem classify(Throwable t, String instance) {
        if (t instanceof WebApplicationException && t.getCause() instanceof JsonProcessingException json) {
            return classify(json, instance); // the JSON reader wraps its parse errors in a bare 400
        }
        if (t instanceof ProblemException pe) {
            return pe.toProblem(instance);
        }
        if (t instanceof ConstraintViolationException cve) {
            List<Problem.FieldError> errors = cve.getConstraintViolations().stream()
                    .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                    .sorted(Comparator.comparing(Problem.FieldError::field))
                    .toList();
            String detail = "The request has invalid fields: " + errors.stream()
                    .map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")) + ".";
            return Problem.of(ProblemType.VALIDATION, detail, instance).withErrors(errors);
        }
        if (t instanceof UnrecognizedPropertyException upe) {
            String field = jsonPath(upe);
            return Problem.of(ProblemType.VALIDATION, "The field " + field + " cannot be set by a client; remove it from the request.", instance)
                    .withErrors(List.of(new Problem.FieldError(field, "is not accepted here")));
        }
        if (t instanceof InvalidFormatException ife) {
            String field = jsonPath(ife);
            String message = ife.getTargetType() != null && ife.getTargetType().isEnum()
                    ? "must be one of " + Arrays.toString(ife.getTargetType().getEnumConstants())
                    : "must be a valid " + simpleTypeName(ife.getTargetType());
            return Problem.of(ProblemType.VALIDATION, "The field " + field + " has the value " + ife.getValue() + " but " + message + ".", instance)
                    .withErrors(List.of(new Problem.FieldError(field, message)));
        }
        if (t instanceof MismatchedInputException mie) {
            String field = jsonPath(mie);
            String message = mie.getTargetType() != null ? "must be a " + simpleTypeName(mie.getTargetType()) : "has the wrong type";
            if (field.isEmpty()) {
                return Problem.of(ProblemType.MALFORMED_BODY, "The request body does not have the expected JSON shape.", instance);
            }
            return Problem.of(ProblemType.VALIDATION, "The field " + field + " " + message + ".", instance)
                    .withErrors(List.of(new Problem.FieldError(field, message)));
        }
        if (t instanceof StreamReadException || t instanceof JsonProcessingException) {
            return Problem.of(ProblemType.MALFORMED_BODY, "The request body is not valid JSON: " + ((JsonProcessingException) t).getOriginalMessage(), instance);
        }
        if (t instanceof UnauthorizedException || t instanceof AuthenticationFailedException) {
            return Problem.of(ProblemType.UNAUTHORIZED, "A valid bearer token is required: send 'Authorization: Bearer <access token>'.", instance);
        }
        if (t instanceof ForbiddenException) {
            return Problem.of(ProblemType.FORBIDDEN, "Your roles do not allow this operation.", instance);
        }
        if (t instanceof NotFoundException && parameterValueProblem(t.getCause()) != null) {
            // JAX-RS answers 404 when a path or query parameter cannot be converted: the caller sent a bad value,
            // and should be told which.
            return Problem.of(ProblemType.INVALID_PARAMETER, "A path or query parameter has an invalid value: " + parameterValueProblem(t.getCause()) + ".", instance);
        }
        if (t instanceof WebApplicationException wae) {
            int status = wae.getResponse().getStatus();
            Response.StatusType type = Response.Status.fromStatusCode(status);
            String title = type != null ? type.getReasonPhrase() : "HTTP " + status;
            String detail = switch (status) {
                case 404 -> "There is no resource at " + instance + ".";
                case 405 -> "This method is not allowed on " + instance + ".";
                case 406 -> "None of the media types in Accept can be produced here.";
                case 415 -> "Unsupported request content type: send application/json.";
                default -> wae.getMessage();
            };
            if (status >= 500) {
                return serverSide(wae, status, instance);
            }
            return Problem.of(ProblemType.ofStatus(status), status, detail == null ? title + "." : detail, instance);
        }
        if (isLostRace(t)) {
            // Two writes passed the If-Match check with the same ETag; the one that lost at commit gets the answer of a
            // stale If-Match.
            return Problem.of(ProblemType.PRECONDITION_FAILED, "Someone changed this resource at the same moment: read it again and retry.", instance);
        }
        if (isUniqueViolation(t)) {
            return Problem.of(ProblemType.ALREADY_EXISTS, "This conflicts with an existing record.", instance);
        }
        if (Failures.isTransient(t)) {
            // The database or the broker is away for a moment (restart, failover, refused connections): the request was
            // fine and is worth sending again, which a 500 would not tell the client.
            LOG.warnf("Temporarily unavailable on %s: %s", LogSafe.path(instance), Failures.describe(t));
            return Problem.of(ProblemType.SERVICE_UNAVAILABLE, "A database or message broker this service needs is unavailable at the moment. Retry after "
                            + RETRY_AFTER_SECONDS + " seconds; send an Idempotency-Key with a create so that a retry is "
                            + "never applied twice.", instance);
        }
        return internalError(t, instance);
    }

    /**
     * What was wrong with a parameter value that could not be converted (a UUID, a number, an enum constant), or
     * null when the failure is not a conversion failure.
     */
    static String parameterValueProblem(Throwable cause) {
        if (cause instanceof NumberFormatException nfe) {
            String message = nfe.getMessage() == null ? "" : nfe.getMessage().replace("For input string: ", "");
            return message + " is not a number";
        }
        if (!(cause instanceof IllegalArgumentException iae) || iae.getMessage() == null) {
            return null;
        }
        String message = iae.getMessage();
        if (message.startsWith("Invalid UUID string: ")) {
            return message.substring("Invalid UUID string: ".length())
                    + " is not a UUID (such as 3f1c5a4e-8d2b-4a8e-9c1f-2b7d6e5a4c3b)";
        }
        if (message.startsWith("No enum constant ")) {
            String qualified = message.substring("No enum constant ".length());
            int dot = qualified.lastIndexOf('.');
            String value = qualified.substring(dot + 1);
            String type = qualified.substring(0, Math.max(dot, 0));
            Object[] constants = enumConstants(type);
            return value + " is not one of " + (constants != null ? Arrays.toString(constants)
                    : "the values the API documents for " + type.substring(type.lastIndexOf('.') + 1));
        }
        return null;
    }

    /** The constants of an enum named by its canonical name (nested types have dots there, not '$'). */
    private static Object[] enumConstants(String canonicalName) {
        String candidate = canonicalName;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        while (true) {
            try {
                Class<?> type = Class.forName(candidate, false, loader);
                return type.isEnum() ? type.getEnumConstants() : null;
            } catch (ClassNotFoundException | LinkageError e) {
                int dot = candidate.lastIndexOf('.');
                if (dot < 0) {
                    return null;
                }
                candidate = candidate.substring(0, dot) + '$' + candidate.substring(dot + 1);
            }
        }
    }

    /**
     * A 5xx the code (or a library) chose on purpose keeps its status: a 503 tells the client to retry, a 504 that
     * something behind did not answer. Its message stays in the log, not in the answer; a 500 or an unknown 5xx is
     * an incident.
     */
    private static Problem serverSide(WebApplicationException wae, int status, String instance) {
        String detail = switch (status) {
            case 502 -> "A service this one needs gave an answer it could not use; retry later.";
            case 503 -> "This service cannot answer at the moment; retry after the time in Retry-After.";
            case 504 -> "A service this one needs did not answer in time; retry later.";
            default -> null;
        };
        if (detail == null) {
            return internalError(wae, instance);
        }
        LOG.warnf("%d on %s: %s", status, LogSafe.path(instance), Failures.describe(wae));
        return Problem.of(ProblemType.ofStatus(status), status, detail, instance);
    }

    private static Problem internalError(Throwable t, String instance) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(t, "Unexpected failure on %s (incident %s)", LogSafe.path(instance), incident);
        return Problem.of(ProblemType.INTERNAL, "Something went wrong on our side; quote incident " + incident + " when you report it.", instance);
    }

    private static boolean isLostRace(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof jakarta.persistence.OptimisticLockException || c instanceof org.hibernate.StaleStateException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
            if (c instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /**
     * {@code submit.request.topics[0].code} becomes {@code topics[0].code}: the client knows no Java
     * method or parameter names. Bean Validation puts a list index on the node after the list.
     */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            boolean last = i == nodes.size() - 1;
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.RETURN_VALUE
                    || kind == ElementKind.CROSS_PARAMETER || (kind == ElementKind.PARAMETER && !last)) {
                continue; // Java names; the body's fields follow a body parameter
            }
            if (node.isInIterable()) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<")) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(name);
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String simpleTypeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean (true or false)";
        }
        if (Iterable.class.isAssignableFrom(type) || type.isArray()) {
            return "JSON array";
        }
        return switch (type.getSimpleName()) {
            case "UUID" -> "UUID";
            case "Instant", "OffsetDateTime" -> "ISO-8601 instant such as 2026-01-31T09:00:00Z";
            case "LocalDate" -> "ISO-8601 date such as 2026-01-31";
            case "String" -> "string";
            default -> "JSON object";
        };
    }
}
