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

@Path("/api/v1/programmes/{programmeId}/applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Applications", description = "People applying to a programme as mentor or mentee")
@SecurityRequirement(name = "jwt")
public class ProgrammeApplicationsResource {

    private final ApplicationService service;
    private final Caller caller;

    public ProgrammeApplicationsResource(ApplicationService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(summary = "Apply to a programme",
            description = "Submits the caller's application as mentor or mentee. One live application per person and programme.")
    @APIResponse(responseCode = "201", description = "Submitted; Location names the application")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named in errors[]")
    @APIResponse(responseCode = "404", description = "No such programme")
    @APIResponse(responseCode = "409", description = "The programme does not take applications now, or the caller already applied")
    public Uni<Response> submit(@PathParam("programmeId") UUID programmeId, @NotNull @Valid ApplicationRequest request,
                                @Context UriInfo uriInfo) {
        return service.submit(programmeId, request, caller.subject(), caller.displayName()).map(a -> Response
                .created(uriInfo.getBaseUriBuilder().path("api/v1/applications").path(a.id.toString()).build())
                .header(HttpHeaders.ETAG, ETags.of(a.version))
                .entity(ApplicationView.of(a))
                .build());
    }

}
