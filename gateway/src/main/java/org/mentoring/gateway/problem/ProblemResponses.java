package org.mentoring.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.mentoring.contracts.problem.Problem;
import org.mentoring.contracts.problem.ProblemType;

/**
 * The error answers the gateway writes itself, every one an RFC 9457 {@link Problem}. Titles and kinds match
 * the services' mapping, so a client sees one vocabulary whichever hop refused it.
 */
public final class ProblemResponses {

    private static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    private static final long LINGER_MILLIS = 2_000;
    private static final ObjectWriter WRITER = new ObjectMapper().writerFor(Problem.class);

    private ProblemResponses() {
    }

    public static Problem unauthorized(String instance) {
        return Problem.of(ProblemType.UNAUTHORIZED, "A valid bearer token is required: send 'Authorization: Bearer <access token>'.", instance);
    }

    public static Problem tokenInQuery(String instance) {
        return Problem.of(ProblemType.UNAUTHORIZED, "Tokens are accepted in the 'Authorization: Bearer' header only, never in the query string.",
                instance);
    }

    public static Problem tooManyRequests(String instance) {
        return Problem.of(ProblemType.TOO_MANY_REQUESTS, "Too many requests from you on this kind of call. Retry after the time given in 'Retry-After'.",
                instance);
    }

    public static Problem forbidden(String instance) {
        return Problem.of(ProblemType.FORBIDDEN, "Your roles do not allow this operation.", instance);
    }

    public static Problem notFound(String instance) {
        return Problem.of(ProblemType.NOT_FOUND, "There is no resource at " + instance + ".", instance);
    }

    public static Problem badPath(String instance) {
        return Problem.of(ProblemType.BAD_REQUEST, "The request path must be plain: no empty, dot or encoded-slash segments and no ';' parameters.",
                instance);
    }

    public static Problem badGateway(String instance) {
        return Problem.of(ProblemType.BAD_GATEWAY, "The service behind this path could not be reached. Retry later.", instance);
    }

    public static Problem payloadTooLarge(String instance, long limitBytes) {
        return Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than the " + limitBytes + " bytes this API accepts.", instance);
    }

    public static Problem serviceUnavailable(String instance) {
        return Problem.of(ProblemType.SERVICE_UNAVAILABLE, "The service behind this path is unavailable. Retry after the time given in 'Retry-After'.",
                instance);
    }

    public static Problem gatewayTimeout(String instance) {
        return Problem.of(ProblemType.GATEWAY_TIMEOUT, "The service behind this path did not answer in time. Retry later.", instance);
    }

    public static Problem internal(String instance, String incident) {
        return Problem.of(ProblemType.INTERNAL, "Something went wrong on our side; quote incident " + incident + " when you report it.", instance);
    }

    public static Problem ofStatus(int status, String reason, String instance) {
        String title = reason == null || reason.isBlank() ? "HTTP " + status : reason;
        return Problem.of(ProblemType.ofStatus(status), status, title + ".", instance);
    }

    public static Buffer body(Problem problem) {
        try {
            return Buffer.buffer(WRITER.writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            // A record of strings and an int cannot fail to serialise; if it ever does, fail loudly.
            throw new IllegalStateException("Cannot serialise problem " + problem.type(), e);
        }
    }

    /**
     * Ends the exchange with {@code problem} while the caller may still be sending a body the gateway will not
     * read. The rest of the body is discarded so that a well-behaved client gets to read the answer; a client
     * still sending after {@value #LINGER_MILLIS} ms has its connection closed, so nobody can hold one open by
     * streaming forever.
     */
    public static void sendRefusingBody(HttpServerRequest request, Problem problem) {
        send(request.response(), problem);
        discardRestOfBody(request);
    }

    /** See {@link #sendRefusingBody}. */
    public static void discardRestOfBody(HttpServerRequest request) {
        if (!request.isEnded()) {
            request.handler(null);
            request.resume();
            Vertx.currentContext().owner().setTimer(LINGER_MILLIS, t -> {
                if (!request.isEnded()) {
                    request.connection().close();
                }
            });
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
