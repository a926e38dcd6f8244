package org.mentoring.applicants.application.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.applicants.application.service.ApplicationService;
import org.mentoring.platform.http.ETags;
import org.mentoring.platform.security.Caller;

import java.util.UUID;

@Path("/api/v1/applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Applications", description = "People applying to a programme as mentor or mentee")
@SecurityRequirement(name = "jwt")
public class ApplicationResource {

    private final ApplicationService service;
    private final Caller caller;

    public ApplicationResource(ApplicationService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Caller.PARTICIPANT, Caller.ADMIN})
    @Operation(summary = "Read an application", description = "The applicant reads their own; admins read any.")
    @APIResponse(responseCode = "200", description = "The application, with its ETag")
    @APIResponse(responseCode = "404", description = "No such application visible to the caller")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return service.get(id, caller.subject(), caller.isAdmin())
                .map(a -> Response.ok(ApplicationView.of(a)).header(HttpHeaders.ETAG, ETags.of(a.version)).build());
    }
}
