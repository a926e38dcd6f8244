package org.mentoring.applicants.application.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
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
import org.mentoring.applicants.application.model.ApplicantRole;
import org.mentoring.applicants.application.model.ApplicationStatus;
import org.mentoring.applicants.application.service.ApplicationRepository;
import org.mentoring.applicants.application.service.ApplicationService;
import org.mentoring.applicants.application.service.ReviewService;
import org.mentoring.platform.http.ETags;
import org.mentoring.platform.idempotency.IdempotencyKeys;
import org.mentoring.platform.openapi.HeaderDocs;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.paging.Page;
import org.mentoring.platform.audit.AccessLog;
import org.mentoring.platform.security.Caller;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/programmes/{programmeId}/applications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Applications", description = "People applying to a programme as mentor or mentee")
@SecurityRequirement(name = "jwt")
public class ProgrammeApplicationsResource {

    private final ApplicationService applications;
    private final ReviewService review;
    private final IdempotencyKeys idempotency;
    private final Caller caller;
    private final AccessLog accessLog;

    public ProgrammeApplicationsResource(ApplicationService applications, ReviewService review, IdempotencyKeys idempotency,
                                         Caller caller, AccessLog accessLog) {
        this.applications = applications;
        this.review = review;
        this.idempotency = idempotency;
        this.caller = caller;
        this.accessLog = accessLog;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "submitApplication", summary = "Apply to a programme",
            description = "Submits the caller's application as mentor or mentee. One live application per person and programme. "
                    + "With an Idempotency-Key, a retry returns the first answer and changes nothing.")
    @APIResponse(responseCode = "201", description = "Submitted; Location names the application, the body is the application with its ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApplicationView.class)),
            headers = {@Header(name = HttpHeaders.LOCATION, description = HeaderDocs.LOCATION, schema = @Schema(type = SchemaType.STRING, format = "uri")),
                @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "Invalid fields, each named in errors[]")
    @APIResponse(responseCode = "404", description = "No such programme")
    @APIResponse(responseCode = "409", description = "The programme does not take applications now, or the caller already applied")
    @APIResponse(responseCode = "422", description = "mentorCapacity sent by a mentee or outside 1 .. the programme's limit, or an "
            + "availability without weekdays, with a weekday twice, from not before to, or an unknown time zone; or IN_PERSON meetings from a city without coordinates that the "
            + "gazetteer does not know (location); the field is named in errors[]")
    public Uni<Response> submit(@PathParam("programmeId") UUID programmeId, @NotNull @Valid ApplicationRequest request,
                                @HeaderParam(IdempotencyKeys.HEADER) String key, @Context UriInfo uriInfo) {
        ApplicationService.Applicant applicant = new ApplicationService.Applicant(caller.subject(), caller.username(), caller.displayName());
        return idempotency.once("applications.submit", key, request)
                .work(() -> applications.submit(programmeId, request.toForm(), applicant))
                .answer(a -> ETags.tagged(Response
                        .created(uriInfo.getBaseUriBuilder().path("api/v1/applications").path(a.id.toString()).build())
                        .entity(ApplicationView.of(a)), a.version));
    }

    @GET
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "listApplications", summary = "Review a programme's applications",
            description = "In submission order, a page at a time, filtered by status, role, topic and institute. For the "
                    + "programme's team; each application read is recorded in the programme's access log, with the "
                    + "Access-Reason header when the programme's admin access is AUDITED.")
    @APIResponse(responseCode = "200", description = "A page of applications")
    @APIResponse(responseCode = "400", description = "The programme audits admin access and no Access-Reason was given")
    @APIResponse(responseCode = "403", description = "The programme's admin access is DISABLED")
    @APIResponse(responseCode = "404", description = "No such programme")
    public Uni<Page<ApplicationView>> list(
            @PathParam("programmeId") UUID programmeId,
            @QueryParam("status") ApplicationStatus status,
            @QueryParam("role") ApplicantRole role,
            @Parameter(description = "A topic code the application chose") @QueryParam("topic") String topic,
            @QueryParam("institute") String institute,
            @Parameter(description = "Page size, 1-200 (default 50)") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = Cursor.limit(limit);
        return review.page(programmeId, new ApplicationRepository.Filter(status, role, topic, institute), Cursor.decode(cursor), size)
                .call(rows -> accessLog.readPage(programmeId, rows.subList(0, Math.min(size, rows.size())), "application",
                        a -> a.id, a -> List.of(a.applicantId)))
                .map(rows -> Page.of(rows, size, a -> new Cursor(a.submittedAt, a.id), a -> ApplicationView.of(a, null, true)));
    }
}
