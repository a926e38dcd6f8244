package org.mentoring.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import org.mentoring.contracts.problem.Problem;

/**
 * The error answers the gateway writes itself, every one an RFC 9457 {@link Problem}. Titles and kinds match
 * the services' mapping, so a client sees one vocabulary whichever hop refused it.
 */
public final class ProblemResponses {

    private static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    private static final ObjectWriter WRITER = new ObjectMapper().writerFor(Problem.class);

    private ProblemResponses() {
    }

    public static Problem unauthorized(String instance) {
        return Problem.of(401, "unauthorized", "Unauthorized",
                "A valid bearer token is required: send 'Authorization: Bearer <access token>'.", instance);
    }

    public static Problem forbidden(String instance) {
        return Problem.of(403, "forbidden", "Forbidden", "Your roles do not allow this operation.", instance);
    }

    public static Problem notFound(String instance) {
        return Problem.of(404, "not-found", "Not Found", "There is no resource at " + instance + ".", instance);
    }

    public static Problem badPath(String instance) {
        return Problem.of(400, "bad-request", "Bad Request",
                "The request path must be plain: no empty, dot or encoded-slash segments and no ';' parameters.",
                instance);
    }

    public static Problem badGateway(String instance) {
        return Problem.of(502, "bad-gateway", "Bad Gateway",
                "The service behind this path could not be reached. Retry later.", instance);
    }

    public static Problem gatewayTimeout(String instance) {
        return Problem.of(504, "gateway-timeout", "Gateway Timeout",
                "The service behind this path did not answer in time. Retry later.", instance);
    }

    public static Problem internal(String instance, String incident) {
        return Problem.of(500, "internal", "Internal error",
                "Something went wrong on our side; quote incident " + incident + " when you report it.", instance);
    }

    public static Problem ofStatus(int status, String reason, String instance) {
        String title = reason == null || reason.isBlank() ? "HTTP " + status : reason;
        return Problem.of(status, title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"), title, title + ".", instance);
    }

    public static Buffer body(Problem problem) {
        try {
            return Buffer.buffer(WRITER.writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            // A record of strings and an int cannot fail to serialise; if it ever does, fail loudly.
            throw new IllegalStateException("Cannot serialise problem " + problem.type(), e);
        }
    }

    /** Ends {@code response} with {@code problem}; a 401 also names the scheme the caller must use. */
    public static void send(HttpServerResponse response, Problem problem) {
        if (response.ended()) {
            return;
        }
        response.setStatusCode(problem.status());
        if (problem.status() == 401 && !response.headers().contains(WWW_AUTHENTICATE)) {
            response.putHeader(WWW_AUTHENTICATE, "Bearer");
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.end(body(problem));
    }
}
