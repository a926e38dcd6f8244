package org.mentoring.applicants.programme.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.applicants.programme.service.ProgrammeService;
import org.mentoring.platform.http.ETags;
import org.mentoring.platform.idempotency.IdempotencyKeys;
import org.mentoring.platform.openapi.HeaderDocs;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.paging.Page;
import org.mentoring.platform.security.Caller;

import java.util.UUID;

@Path("/api/v1/programmes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Programmes", description = "Cohorts that people apply to")
@SecurityRequirement(name = "jwt")
public class ProgrammeResource {

    private final ProgrammeService service;
    private final IdempotencyKeys idempotency;
    private final Caller caller;

    public ProgrammeResource(ProgrammeService service, IdempotencyKeys idempotency, Caller caller) {
        this.service = service;
        this.idempotency = idempotency;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.ADMIN, Caller.PLATFORM_ADMIN})
    @Operation(operationId = "createProgramme",
            summary = "Create a programme", description = "Creates a programme in status DRAFT, whose first owner is its "
            + "creator (see the programme's team). Programme and platform admins.")
    @APIResponse(responseCode = "201", description = "Created; Location names the new programme, the body is the programme with its ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProgrammeView.class)),
            headers = {@Header(name = HttpHeaders.LOCATION, description = HeaderDocs.LOCATION, schema = @Schema(type = SchemaType.STRING, format = "uri")),
                @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "Invalid fields, each named in errors[]")
    public Uni<Response> create(@NotNull @Valid ProgrammeRequest request, @HeaderParam(IdempotencyKeys.HEADER) String key,
                                @jakarta.ws.rs.core.Context UriInfo uriInfo) {
        return idempotency.once("programmes.create", key, request)
                .work(() -> service.create(request.toDefinition(), caller.subject()))
                .answer(p -> ETags.tagged(Response
                        .created(uriInfo.getAbsolutePathBuilder().path(p.id.toString()).build())
                        .entity(ProgrammeView.of(p)), p.version));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Caller.ADMIN, Caller.PLATFORM_ADMIN, Caller.PARTICIPANT, Caller.HR_INTEGRATION})
    @Operation(operationId = "getProgramme",
            summary = "Read a programme", description = "A draft is visible to its team and to platform admins only.")
    @APIResponse(responseCode = "200", description = "The programme, with its ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProgrammeView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such programme visible to the caller")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return service.get(id).map(ProgrammeResource::withETag);
    }

    @GET
    @RolesAllowed({Caller.ADMIN, Caller.PLATFORM_ADMIN, Caller.PARTICIPANT, Caller.HR_INTEGRATION})
    @Operation(operationId = "listProgrammes",
            summary = "List programmes", description = "In creation order, a page at a time. Drafts are listed for their team and for platform admins only.")
    public Uni<Page<ProgrammeView>> list(
            @Parameter(description = "Page size, 1-200 (default 50)") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = Cursor.limit(limit);
        Cursor after = Cursor.decode(cursor);
        return service.page(after, size)
                .map(rows -> Page.of(rows, size, p -> new Cursor(p.createdAt, p.id), ProgrammeView::of));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "replaceProgramme", summary = "Replace a programme's definition",
            description = "While DRAFT, OPEN or CLOSED, by the programme's team. Requires If-Match. Topics chosen by live "
                    + "applications cannot be removed.")
    @APIResponse(responseCode = "200", description = "The programme as replaced, with its new ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProgrammeView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Invalid fields, each named in errors[]")
    @APIResponse(responseCode = "404", description = "No such programme, or the caller is not on its team")
    @APIResponse(responseCode = "409", description = "No longer editable, a removed topic is in use, or matching.mentorCapacity below what a live mentor application chose")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<Response> replace(@PathParam("id") UUID id, @NotNull @Valid ProgrammeRequest request,
                                 @Parameter(required = true, description = HeaderDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return service.replace(id, request.toDefinition(), ifMatch).map(ProgrammeResource::withETag);
    }

    @POST
    @Path("{id}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "transitionProgramme", summary = "Move a programme along its lifecycle",
            description = "DRAFT -> OPEN -> CLOSED -> IN_PROGRESS -> COMPLETED; CLOSED may reopen; CANCELLED from any state "
                    + "before COMPLETED. By the programme's team; requires If-Match. Ending a programme ends its live "
                    + "applications in the same transaction: on COMPLETED a MATCHED one becomes COMPLETED and the others "
                    + "WITHDRAWN (reason PROGRAMME_COMPLETED); on CANCELLED all become WITHDRAWN (reason PROGRAMME_CANCELLED).")
    @APIResponse(responseCode = "200", description = "The programme in its new status, with its new ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProgrammeView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such programme, or the caller is not on its team")
    @APIResponse(responseCode = "409", description = "Not a legal move from the current status")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<Response> transition(@PathParam("id") UUID id, @NotNull @Valid TransitionRequest request,
                                    @Parameter(required = true, description = HeaderDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                    @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return idempotency.once("programmes.transition", key, request)
                .work(() -> service.transition(id, request.to(), ifMatch))
                .answer(ProgrammeResource::withETag);
    }

    private static Response withETag(org.mentoring.applicants.programme.model.Programme p) {
        return ETags.ok(ProgrammeView.of(p), p.version);
    }
}
