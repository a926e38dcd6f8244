package org.mentoring.sessions.meeting.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.platform.audit.AccessLog;
import org.mentoring.platform.http.ETags;
import org.mentoring.platform.idempotency.IdempotencyKeys;
import org.mentoring.platform.openapi.HeaderDocs;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.paging.Page;
import org.mentoring.platform.security.Caller;
import org.mentoring.sessions.meeting.model.Meeting;
import org.mentoring.sessions.meeting.service.MeetingService;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/meetings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Meetings", description = "Meetings of a pair under an active agreement")
@SecurityRequirement(name = "jwt")
public class MeetingResource {

    private final MeetingService meetings;
    private final IdempotencyKeys idempotency;
    private final Caller caller;
    private final AccessLog accessLog;

    public MeetingResource(MeetingService meetings, IdempotencyKeys idempotency, Caller caller, AccessLog accessLog) {
        this.meetings = meetings;
        this.idempotency = idempotency;
        this.caller = caller;
        this.accessLog = accessLog;
    }

    /** The Access-Reason header, for the reads of the programme's team that the access log records. */
    public static final String ACCESS_REASON = "Why the programme's team reads this person's data: required when the programme's admin "
            + "access is AUDITED (400 without), recorded with the read and shown to the people concerned; up to "
            + AccessLog.MAX_REASON + " characters";

    @Schema(name = "MeetingSchedule")
    public record ScheduleRequest(
            @NotNull UUID agreementId,
            @NotNull @Schema(description = "Start, in the future", example = "2026-12-01T09:00:00Z") Instant startsAt,
            @NotNull @Schema(description = "15 to 240 minutes", example = "60") Integer durationMinutes,
            @NotNull Meeting.Format format,
            @Size(max = 300) @Schema(description = "Required IN_PERSON") String place,
            @Size(max = 2000) @Schema(description = "https link, required ONLINE") String videoLink,
            @Size(max = 50) @Schema(description = "Topics from the agreement's agenda") List<String> agendaTopics,
            @Schema(description = "Up to 5 topics of the pair's own") List<@Size(max = 200) String> freeTopics) {
    }

    @Schema(name = "MeetingReschedule")
    public record RescheduleRequest(
            @NotNull Instant startsAt,
            @NotNull Integer durationMinutes,
            @NotNull Meeting.Format format,
            @Size(max = 300) String place,
            @Size(max = 2000) String videoLink,
            @Size(max = 50) List<String> agendaTopics,
            List<@Size(max = 200) String> freeTopics) {
    }

    @Schema(name = "MeetingCancel")
    public record CancelRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    @Schema(name = "MeetingOutcome")
    public record OutcomeRequest(@NotNull @Schema(description = "HELD or MISSED") Meeting.Status status) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "scheduleMeeting",
            summary = "Schedule a meeting", description = "By one of the pair, under an ACTIVE agreement, in the future, without "
            + "overlapping another meeting of either person. The first meetings the agreement asks to hold in person (the first N "
            + "by start time that are not cancelled) must be IN_PERSON: an ONLINE one among them is refused with 409 naming the "
            + "format field. A meeting outside the weekly availability the mentor or the mentee state is still scheduled: its "
            + "warnings say so (OUTSIDE_AVAILABILITY, with the time in that person's zone and their stated hours).")
    @APIResponse(responseCode = "201", description = "Scheduled; Location is the new meeting",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MeetingView.class)),
            headers = {@Header(name = HttpHeaders.LOCATION, schema = @Schema(type = SchemaType.STRING, format = "uri")),
                @Header(name = HttpHeaders.ETAG, description = "Version of the meeting, for If-Match",
                        schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "Invalid field (in the past, duration out of 15..240, missing place or https link)")
    @APIResponse(responseCode = "404", description = "No such agreement of the caller")
    @APIResponse(responseCode = "409", description = "Agreement not active (ended), overlapping meeting, or in person required; "
            + "type not-yet-consistent, with Retry-After: the agreement is still DRAFT or PROPOSED here after a short wait (a "
            + "signature given a moment ago is still on its way), so the same request may be sent again after Retry-After seconds",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "With not-yet-consistent: seconds to wait before "
                    + "sending the same request again", schema = @Schema(type = SchemaType.INTEGER)))
    public Uni<Response> schedule(@NotNull @Valid ScheduleRequest r, @HeaderParam(IdempotencyKeys.HEADER) String key,
                                  @Context UriInfo uriInfo) {
        MeetingService.Plan plan = new MeetingService.Plan(r.startsAt(), r.durationMinutes(), r.format(), r.place(), r.videoLink(),
                r.agendaTopics(), r.freeTopics());
        return idempotency.once("meetings.schedule", key, r)
                .work(() -> meetings.schedule(caller.subject(), r.agreementId(), plan))
                .answer(m -> ETags.tagged(Response.created(uriInfo.getAbsolutePathBuilder().path(m.id.toString()).build())
                        .entity(MeetingView.of(m)), m.version));
    }

    @GET
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "listMeetings",
            summary = "List my meetings", description = "The caller's meetings, in the order they were scheduled")
    public Uni<Page<MeetingView>> list(@QueryParam("agreementId") UUID agreementId,
                                       @Parameter(description = "Page size, 1-200 (default 50)") @QueryParam("limit") Integer limit,
                                       @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = Cursor.limit(limit);
        return meetings.page(caller.subject(), agreementId, Cursor.decode(cursor), size)
                .map(rows -> Page.of(rows, size, m -> new Cursor(m.createdAt, m.id), MeetingView::of));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Caller.PARTICIPANT, Caller.ADMIN})
    @Operation(operationId = "getMeeting",
            summary = "Get a meeting", description = "The pair, or an admin on the programme's team; never with notes or feedback. "
            + "A read by the team is recorded in the programme's access log (the pair see it in their export), with the reason "
            + "given in the Access-Reason header, which a programme whose admin access is AUDITED requires; a programme whose "
            + "admin access is DISABLED refuses its team (403).")
    @APIResponse(responseCode = "200", description = "The meeting",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MeetingView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = "Version of the meeting, for If-Match",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Read by the team of a programme that audits admin access, without Access-Reason")
    @APIResponse(responseCode = "403", description = "Read by the team of a programme whose admin access is DISABLED")
    @APIResponse(responseCode = "404", description = "No such meeting of the caller")
    @Parameter(in = ParameterIn.HEADER, name = AccessLog.REASON_HEADER, description = ACCESS_REASON,
            schema = @Schema(type = SchemaType.STRING, maxLength = AccessLog.MAX_REASON))
    public Uni<Response> get(@PathParam("id") UUID id) {
        String subject = caller.subject();
        return meetings.get(subject, id)
                .call(m -> m.isMember(subject) ? Uni.createFrom().voidItem()
                        : accessLog.read(m.programmeId, "meeting", m.id, List.of(m.menteeId, m.mentorId)))
                .map(MeetingResource::withETag);
    }

    @POST
    @Path("{id}/reschedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "rescheduleMeeting",
            summary = "Reschedule a meeting", description = "Same rules as scheduling. Moving a meeting can change which are "
            + "the first meetings to hold in person: a move that would put a scheduled ONLINE meeting among them (moving an "
            + "in-person one later, say) is refused with 409 naming the startsAt field. The availability warnings are worked out "
            + "again for the new time. Requires If-Match.")
    @APIResponse(responseCode = "200", description = "The rescheduled meeting",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MeetingView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = "Version of the meeting, for If-Match",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "Not SCHEDULED, agreement not active, overlap, or in person required")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<Response> reschedule(@PathParam("id") UUID id, @NotNull @Valid RescheduleRequest r,
                                    @Parameter(required = true, description = HeaderDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                    @HeaderParam(IdempotencyKeys.HEADER) String key) {
        MeetingService.Plan plan = new MeetingService.Plan(r.startsAt(), r.durationMinutes(), r.format(), r.place(), r.videoLink(),
                r.agendaTopics(), r.freeTopics());
        return idempotency.once("meetings.reschedule", key, r)
                .work(() -> meetings.reschedule(caller.subject(), id, ifMatch, plan))
                .answer(MeetingResource::withETag);
    }

    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "cancelMeeting",
            summary = "Cancel a meeting", description = "Records who cancelled and why. Requires If-Match. A cancelled "
            + "meeting no longer counts among the first meetings to hold in person: the next one moves up, and if it is a "
            + "scheduled ONLINE meeting its view carries the warning IN_PERSON_REQUIRED (and inPersonRequired) until it is "
            + "rescheduled IN_PERSON.")
    @APIResponse(responseCode = "200", description = "The cancelled meeting",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MeetingView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = "Version of the meeting, for If-Match",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "Not SCHEDULED")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<Response> cancel(@PathParam("id") UUID id, @NotNull @Valid CancelRequest r,
                                @Parameter(required = true, description = HeaderDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return idempotency.once("meetings.cancel", key, r)
                .work(() -> meetings.cancel(caller.subject(), id, ifMatch, r.reason()))
                .answer(MeetingResource::withETag);
    }

    @POST
    @Path("{id}/outcome")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "recordMeetingOutcome",
            summary = "Mark a meeting HELD or MISSED", description = "Only after it started. Requires If-Match.")
    @APIResponse(responseCode = "200", description = "The meeting, HELD or MISSED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MeetingView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = "Version of the meeting, for If-Match",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "Not SCHEDULED, or not started yet")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<Response> outcome(@PathParam("id") UUID id, @NotNull @Valid OutcomeRequest r,
                                 @Parameter(required = true, description = HeaderDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                 @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return idempotency.once("meetings.outcome", key, r)
                .work(() -> meetings.record(caller.subject(), id, ifMatch, r.status()))
                .answer(MeetingResource::withETag);
    }



    static Response withETag(Meeting m) {
        return ETags.ok(MeetingView.of(m), m.version);
    }
}
