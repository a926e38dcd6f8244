package org.mentoring.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.CompositeException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The exception mappers of every service. Each one is declared for a type that a built-in Quarkus
 * mapper also handles, so that ours win; all of them delegate to {@link Problems}. Services run with
 * {@code quarkus.http.auth.proactive=false} so that authentication failures reach these mappers.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        return Problems.toResponse(e, request.path());
    }

    @ServerExceptionMapper
    public Response composite(CompositeException e, HttpServerRequest request) {
        return Problems.toResponse(e, request.path());
    }

    @ServerExceptionMapper
    public Response validation(ValidationException e, HttpServerRequest request) {
        return Problems.toResponse(e, request.path());
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        return Problems.toResponse(e, request.path());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        return Problems.toResponse(e, request.path());
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return Problems.toResponse(e, request.path());
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        return Problems.toResponse(e, request.path());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return Problems.toResponse(e, request.path());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        return Problems.toResponse(e, request.path());
    }

    @ServerExceptionMapper
    public Response anyOther(Throwable e, HttpServerRequest request) {
        return Problems.toResponse(e, request.path());
    }
}
