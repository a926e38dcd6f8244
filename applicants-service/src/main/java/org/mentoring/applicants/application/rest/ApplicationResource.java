package org.mentoring.applicants.application.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.applicants.application.model.Application;
import org.mentoring.applicants.application.model.Interview;
import org.mentoring.applicants.application.service.ApplicationService;
import org.mentoring.applicants.application.service.ReviewService;
import org.mentoring.platform.http.ETags;
import org.mentoring.platform.idempotency.IdempotencyKeys;
import org.mentoring.platform.audit.AccessLog;
import org.mentoring.platform.openapi.HeaderDocs;
import org.mentoring.platform.security.Caller;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/applications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Applications", description = "People applying to a programme as mentor or mentee")
@SecurityRequirement(name = "jwt")
public class ApplicationResource {

    private final ApplicationService service;
    private final ReviewService review;
    private final IdempotencyKeys idempotency;
    private final Caller caller;
    private final AccessLog accessLog;

    public ApplicationResource(ApplicationService service, ReviewService review, IdempotencyKeys idempotency, Caller caller,
                               AccessLog accessLog) {
        this.service = service;
        this.review = review;
        this.idempotency = idempotency;
        this.caller = caller;
        this.accessLog = accessLog;
    }

    /** Why an applicant withdraws (optional). */
    @Schema(name = "WithdrawalRequest")
    public record WithdrawalRequest(@Size(max = 2000) String reason) {
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Caller.PARTICIPANT, Caller.ADMIN})
    @Operation(operationId = "getApplication",
            summary = "Read an application", description = "The applicant reads their own; the programme's team reads "
            + "any of its programme. Interview notes are for the team only. A read by the team is recorded in the "
            + "programme's access log, with the Access-Reason header when the programme's admin access is AUDITED.")
    @APIResponse(responseCode = "200", description = "The application, with its ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApplicationView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Read by the team of a programme that audits admin access, without Access-Reason")
    @APIResponse(responseCode = "403", description = "Read by the team of a programme whose admin access is DISABLED")
    @APIResponse(responseCode = "404", description = "No such application visible to the caller")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return service.get(id, caller.subject())
                .call(seen -> seen.asAdmin() ? accessLog.read(seen.application().programmeId, "application", id,
                        List.of(seen.application().applicantId)) : Uni.createFrom().voidItem())
                .chain(seen -> review.interviewOf(id).map(interview -> ETags.ok(
                        ApplicationView.of(seen.application(), interview, seen.asAdmin()), seen.application().version)));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "updateApplication",
            summary = "Edit one's application", description = "Until an admin accepts it, while the programme takes applications. Requires If-Match.")
    @APIResponse(responseCode = "200", description = "The application as edited, with its new ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApplicationView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Invalid fields, each named in errors[]")
    @APIResponse(responseCode = "404", description = "No such application of the caller")
    @APIResponse(responseCode = "409", description = "No longer editable")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "422", description = "mentorCapacity sent by a mentee or outside 1 .. the programme's limit, or an "
            + "availability without weekdays, with a weekday twice, from not before to, or an unknown time zone; or IN_PERSON meetings from a city without coordinates that the "
            + "gazetteer does not know (location); the field is named in errors[]")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<Response> update(@PathParam("id") UUID id, @NotNull @Valid ApplicationRequest request,
                                @Parameter(required = true, description = HeaderDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return service.update(id, request.toForm(), applicant(), ifMatch).map(ApplicationResource::withETag);
    }

    @POST
    @Path("{id}/withdraw")
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "withdrawApplication",
            summary = "Withdraw one's application", description = "Ends a live application that is not yet matched.")
    @APIResponse(responseCode = "200", description = "The withdrawn application, with its new ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApplicationView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such application of the caller")
    @APIResponse(responseCode = "409", description = "Already ended, or matched")
    public Uni<Response> withdraw(@PathParam("id") UUID id, @Valid WithdrawalRequest request,
                                  @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return idempotency.once("applications.withdraw", key, request)
                .work(() -> service.withdraw(id, caller.subject(), request == null ? null : request.reason(), false))
                .answer(ApplicationResource::withETag);
    }

    @DELETE
    @Path("{id}/consent")
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "withdrawConsent",
            summary = "Withdraw consent", description = "Withdrawing consent to the privacy policy ends the live application.")
    @APIResponse(responseCode = "200", description = "The withdrawn application, with its new ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApplicationView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such application of the caller")
    @APIResponse(responseCode = "409", description = "Already ended, or matched")
    public Uni<Response> withdrawConsent(@PathParam("id") UUID id) {
        return service.withdraw(id, caller.subject(), null, true).map(ApplicationResource::withETag);
    }

    @POST
    @Path("{id}/interview")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "scheduleInterview",
            summary = "Ask for a short interview", description = "Schedules (or reschedules) an interview; the application goes IN_REVIEW.")
    @APIResponse(responseCode = "200", description = "The application with its interview, and its ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApplicationView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "The application is already decided")
    public Uni<Response> interview(@PathParam("id") UUID id, @NotNull @Valid InterviewRequest request,
                                   @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return idempotency.once("applications.interview", key, request)
                .work(() -> review.requestInterview(id, request.toPlan(), caller.subject())
                        .chain(interview -> service.get(id, caller.subject()).map(seen -> new Interviewed(seen.application(), interview))))
                .answer(i -> ETags.ok(ApplicationView.of(i.application(), i.interview(), true), i.application().version));
    }

    private record Interviewed(Application application, Interview interview) {
    }

    @POST
    @Path("{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "decideApplication",
            summary = "Accept or reject an application", description = "Accepted applicants enter the matching pool. Requires If-Match.")
    @APIResponse(responseCode = "200", description = "The decided application, with its new ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApplicationView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "A rejection without a reason")
    @APIResponse(responseCode = "409", description = "Already decided or ended")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<Response> decide(@PathParam("id") UUID id, @NotNull @Valid DecisionRequest request,
                                @Parameter(required = true, description = HeaderDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return idempotency.once("applications.decide", key, request)
                .work(() -> review.decide(id, request.toDecision(), caller.subject(), ifMatch))
                .answer(a -> ETags.ok(ApplicationView.of(a, null, true), a.version));
    }

    private ApplicationService.Applicant applicant() {
        return new ApplicationService.Applicant(caller.subject(), caller.username(), caller.displayName());
    }

    private static Response withETag(Application a) {
        return ETags.ok(ApplicationView.of(a), a.version);
    }
}
