package org.mentoring.platform.problem;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.CompositeException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mentoring.contracts.problem.Problem;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client receives when a service fails: the status, the problem type URI, the detail and the headers, as the
 * exception mappers answer, and the problem+json body as it is written.
 */
class ProblemMappersTest {

    private static final String PATH = "/api/v1/agreements/42";
    private static final ProblemMappers MAPPERS = new ProblemMappers();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request body as a resource reads it. */
    record Request(Comment comment) {
    }

    record Comment(String text) {
    }

    /** A request that only knows its path, which is all the mappers read. */
    private static HttpServerRequest request(String path) {
        return (HttpServerRequest) Proxy.newProxyInstance(ProblemMappersTest.class.getClassLoader(),
                new Class<?>[]{HttpServerRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "path" -> path;
                    case "toString" -> "request " + path;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Arguments answer(String name, Function<HttpServerRequest, Response> mapping, int status, String type,
                                    String detailStart) {
        return Arguments.of(name, mapping, status, type, detailStart);
    }

    static Stream<Arguments> failures() throws Exception {
        UUID id = UUID.fromString("3f1c5a4e-8d2b-4a8e-9c1f-2b7d6e5a4c3b");
        JsonParseException syntax;
        try (var parser = new JsonFactory().createParser("{\"a\": }")) {
            parser.nextToken();
            parser.nextToken();
            parser.nextToken();
            throw new IllegalStateException("the parser accepted broken JSON");
        } catch (JsonParseException e) {
            syntax = e;
        }
        JsonParseException broken = syntax;
        UnrecognizedPropertyException unrecognized;
        try {
            JSON.readValue("{\"comment\": {\"text\": \"hi\", \"status\": \"DONE\"}}", Request.class);
            throw new IllegalStateException("an unknown field was accepted");
        } catch (UnrecognizedPropertyException e) {
            unrecognized = e;
        }
        return Stream.of(
                answer("not found", r -> MAPPERS.problem(ProblemException.notFound("Agreement", id), r), 404,
                        "/problems/not-found", "Agreement " + id + " does not exist or is not visible to you."),
                answer("one invalid field", r -> MAPPERS.problem(ProblemException.invalidField("limit", "must be positive"), r),
                        400, "/problems/validation", "The request has an invalid field: limit must be positive."),
                answer("forbidden by the service", r -> MAPPERS.problem(ProblemException.forbidden("Only the pair may sign."), r),
                        403, "/problems/forbidden", "Only the pair may sign."),
                answer("no token", r -> MAPPERS.unauthorized(new UnauthorizedException(), r), 401, "/problems/unauthorized",
                        "A valid bearer token is required"),
                answer("a role missing", r -> MAPPERS.forbidden(new ForbiddenException(), r), 403, "/problems/forbidden",
                        "Your roles do not allow this operation."),
                answer("broken JSON", r -> MAPPERS.json(broken, r), 400, "/problems/malformed-body",
                        "The request body is not valid JSON: "),
                answer("broken JSON wrapped by the reader", r -> MAPPERS.webApplication(new WebApplicationException(broken, 400), r),
                        400, "/problems/malformed-body", "The request body is not valid JSON: "),
                answer("a field a client may not set", r -> MAPPERS.json(unrecognized, r), 400, "/problems/validation",
                        "The field comment.status cannot be set by a client; remove it from the request."),
                answer("a path parameter that is not a UUID", r -> MAPPERS.webApplication(new NotFoundException("no",
                        new IllegalArgumentException("Invalid UUID string: abc")), r), 400, "/problems/invalid-parameter",
                        "A path or query parameter has an invalid value: abc is not a UUID"),
                answer("a query parameter that is not a number", r -> MAPPERS.webApplication(new NotFoundException("no",
                        new NumberFormatException("For input string: \"ten\"")), r), 400, "/problems/invalid-parameter",
                        "A path or query parameter has an invalid value: \"ten\" is not a number."),
                answer("no such path", r -> MAPPERS.webApplication(new NotFoundException(), r), 404, "/problems/not-found",
                        "There is no resource at " + PATH + "."),
                answer("a lost race at commit", r -> MAPPERS.anyOther(new jakarta.persistence.OptimisticLockException("stale"), r),
                        412, "/problems/precondition-failed", "Someone changed this resource at the same moment"),
                answer("a unique violation", r -> MAPPERS.anyOther(new RuntimeException("insert failed",
                        new PgException("duplicate key", "ERROR", "23505", null)), r), 409, "/problems/already-exists",
                        "This conflicts with an existing record."),
                answer("the first of combined failures", r -> MAPPERS.composite(new CompositeException(
                        ProblemException.notFound("Session", 7), new IllegalStateException("second")), r), 404,
                        "/problems/not-found", "Session 7 does not exist"),
                answer("a bug", r -> MAPPERS.anyOther(new NullPointerException(), r), 500, "/problems/internal",
                        "Something went wrong on our side; quote incident "));
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @MethodSource("failures")
    void aFailureIsAnsweredWithItsProblem(String name, Function<HttpServerRequest, Response> mapping, int status, String type,
                                         String detailStart) throws Exception {
        Response response = mapping.apply(request(PATH));

        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.type()).isEqualTo(type);
        assertThat(problem.status()).isEqualTo(status);
        assertThat(problem.instance()).isEqualTo(PATH);
        assertThat(problem.title()).isNotBlank();
        assertThat(problem.detail()).startsWith(detailStart);
        // what goes on the wire: type, title, status, detail, instance; errors only when there are some
        JsonNode body = JSON.readTree(JSON.writeValueAsString(problem));
        assertThat(body.get("type").asText()).isEqualTo(type);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("instance").asText()).isEqualTo(PATH);
        assertThat(body.has("errors")).isEqualTo(!problem.errors().isEmpty());
    }

    @Test
    void anInvalidFieldIsNamedInErrors() throws Exception {
        Response response = MAPPERS.problem(ProblemException.invalidField("cursor", "is not a cursor this API returned"), request(PATH));

        JsonNode body = JSON.readTree(JSON.writeValueAsString(response.getEntity()));
        assertThat(body.get("errors")).hasSize(1);
        assertThat(body.at("/errors/0/field").asText()).isEqualTo("cursor");
        assertThat(body.at("/errors/0/message").asText()).isEqualTo("is not a cursor this API returned");
    }

    @Test
    void aMissingTokenAsksForABearerToken() {
        Response response = MAPPERS.unauthorized(new UnauthorizedException(), request(PATH));

        assertThat(response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
    }

    @Test
    void notYetConsistentTellsWhenToRetryInWholeSecondsRoundedUp() {
        Response soon = MAPPERS.problem(ProblemException.notYetConsistent("The agreement is not known here yet.",
                Duration.ofMillis(1500)), request(PATH));
        Response verySoon = MAPPERS.problem(ProblemException.notYetConsistent("x", Duration.ofMillis(10)), request(PATH));

        assertThat(soon.getStatus()).isEqualTo(409);
        assertThat(((Problem) soon.getEntity()).type()).isEqualTo("/problems/not-yet-consistent");
        assertThat(soon.getHeaderString(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(verySoon.getHeaderString(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(MAPPERS.problem(ProblemException.forbidden("no"), request(PATH)).getHeaderString(HttpHeaders.RETRY_AFTER)).isNull();
    }

    @Test
    void aFrameworkAnswerKeepsItsHeadersButNotItsBodyType() {
        WebApplicationException notAllowed = new WebApplicationException(Response.status(405)
                .header(HttpHeaders.ALLOW, "GET, PUT").type("text/plain").build());

        Response response = MAPPERS.webApplication(notAllowed, request(PATH));

        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(response.getHeaderString(HttpHeaders.ALLOW)).isEqualTo("GET, PUT");
        assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
        assertThat(((Problem) response.getEntity()).detail()).isEqualTo("This method is not allowed on " + PATH + ".");
    }

    @Test
    void eachBugGetsAnIncidentOfItsOwnAndNoStackTrace() {
        Problem first = (Problem) MAPPERS.anyOther(new IllegalStateException("secret internals"), request(PATH)).getEntity();
        Problem second = (Problem) MAPPERS.anyOther(new IllegalStateException("secret internals"), request(PATH)).getEntity();

        assertThat(first.detail()).doesNotContain("secret internals").isNotEqualTo(second.detail());
    }
}
