package org.mentoring.sessions.progress.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.platform.audit.AccessLog;
import org.mentoring.platform.security.Caller;
import org.mentoring.platform.security.ProgrammeTeams;
import org.mentoring.sessions.agreement.model.Agreement;
import org.mentoring.sessions.meeting.rest.MeetingResource;
import org.mentoring.sessions.progress.service.ProgressService;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/meetings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Progress", description = "Progress of pairs and pairs at risk")
@SecurityRequirement(name = "jwt")
public class ProgressResource {

    private final ProgressService progress;
    private final Caller caller;
    private final ProgrammeTeams teams;
    private final AccessLog accessLog;

    public ProgressResource(ProgressService progress, Caller caller, ProgrammeTeams teams, AccessLog accessLog) {
        this.progress = progress;
        this.caller = caller;
        this.teams = teams;
        this.accessLog = accessLog;
    }

    public record AtRiskPair(UUID agreementId, UUID programmeId, String menteeId, String mentorId, int meetingCadenceDays,
                             @Schema(nullable = true) Instant remindedAt, @Schema(nullable = true) Instant atRiskSince) {
        static AtRiskPair of(Agreement a) {
            return new AtRiskPair(a.agreementId, a.programmeId, a.menteeId, a.mentorId, a.cadenceDays, a.remindedAt, a.atRiskSince);
        }
    }

    @GET
    @Path("agreements/{agreementId}/progress")
    @RolesAllowed({Caller.PARTICIPANT, Caller.ADMIN})
    @Operation(operationId = "getAgreementProgress",
            summary = "Progress of a pair", description = "Meetings held, cadence adherence (held / expected by the agreed cadence "
            + "so far, at most 1), agenda topics covered, days since the last held meeting. The pair and the admins on the programme's team; "
            + "anyone else gets 404. A read by the team is recorded in the programme's access log (the pair see it in their export), "
            + "with the reason given in the Access-Reason header, which a programme whose admin access is AUDITED requires; a "
            + "programme whose admin access is DISABLED refuses its team (403).")
    @APIResponse(responseCode = "200", description = "The pair's progress")
    @APIResponse(responseCode = "400", description = "Read by the team of a programme that audits admin access, without Access-Reason")
    @APIResponse(responseCode = "403", description = "Read by the team of a programme whose admin access is DISABLED")
    @APIResponse(responseCode = "404", description = "No such agreement of the caller or of a programme whose team they are on")
    @Parameter(in = ParameterIn.HEADER, name = AccessLog.REASON_HEADER, description = MeetingResource.ACCESS_REASON,
            schema = @Schema(type = SchemaType.STRING, maxLength = AccessLog.MAX_REASON))
    public Uni<ProgressService.Progress> progress(@PathParam("agreementId") UUID agreementId) {
        return progress.progress(caller.subject(), agreementId);
    }

    @GET
    @Path("at-risk")
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "listPairsAtRisk",
            summary = "Pairs at risk", description = "Active pairs with no meeting held within 1.5 times their cadence, of the "
            + "programmes whose team the caller is on. Each pair listed is recorded in its programme's access log (the pair see it "
            + "in their export), with the reason given in the Access-Reason header, which programmes whose admin access is AUDITED "
            + "require; the pairs of programmes whose admin access is DISABLED are left out.")
    @APIResponse(responseCode = "200", description = "The pairs at risk that the caller may read")
    @APIResponse(responseCode = "400", description = "A pair listed belongs to a programme that audits admin access, and no "
            + "Access-Reason was given")
    @Parameter(in = ParameterIn.HEADER, name = AccessLog.REASON_HEADER, description = MeetingResource.ACCESS_REASON,
            schema = @Schema(type = SchemaType.STRING, maxLength = AccessLog.MAX_REASON))
    public Uni<List<AtRiskPair>> atRisk() {
        return teams.administered().chain(progress::atRisk)
                .chain(list -> accessLog.readAll(list, "pair at risk", a -> a.programmeId, a -> a.agreementId,
                        a -> List.of(a.menteeId, a.mentorId)))
                .map(list -> list.stream().map(AtRiskPair::of).toList());
    }

    @POST
    @Path("cadence-check")
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "runCadenceCheck",
            summary = "Run the cadence check now", description = "What the scheduled job does (remind late pairs, flag pairs at "
            + "risk), for the pairs of the programmes whose team the caller is on")
    public Uni<ProgressService.CheckResult> runCheck() {
        return teams.administered().chain(programmes -> progress.checkCadence(Instant.now(), programmes));
    }
}
