package org.mentoring.applicants.directory.scim;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.mentoring.platform.problem.Problems;

/**
 * Global mappers for failures that can happen on {@code /scim/v2} before a SCIM resource method is
 * chosen (unknown path, method or media type): SCIM errors there, and exactly the platform's
 * problem+json everywhere else. {@link ScimResource} maps everything thrown inside it with its own
 * class-local mappers.
 */
public class ScimMappers {

    static final String PREFIX = "/scim/v2";

    @ServerExceptionMapper
    public Response scim(ScimException e) {
        return ScimErrors.toResponse(e);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpServerRequest request) {
        return isScim(request) ? ScimErrors.error(404, null, "No SCIM endpoint at " + request.path()
                + "; there are /Users, /ServiceProviderConfig, /Schemas and /ResourceTypes.") : Problems.toResponse(e, request.path());
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, HttpServerRequest request) {
        if (!isScim(request)) {
            return Problems.toResponse(e, request.path());
        }
        Response.ResponseBuilder answer = Response.fromResponse(ScimErrors.error(405, null, "This method is not allowed on " + request.path() + "."));
        e.getResponse().getAllowedMethods().forEach(m -> answer.header("Allow", m));
        return answer.build();
    }

    @ServerExceptionMapper
    public Response notSupported(NotSupportedException e, HttpServerRequest request) {
        return isScim(request) ? ScimErrors.toResponse(e) : Problems.toResponse(e, request.path());
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, HttpServerRequest request) {
        return isScim(request) ? ScimErrors.toResponse(e) : Problems.toResponse(e, request.path());
    }

    private static boolean isScim(HttpServerRequest request) {
        String path = request.path();
        return path != null && (path.equals(PREFIX) || path.startsWith(PREFIX + "/"));
    }
}
