package org.mentoring.sessions.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.platform.security.Caller;
import org.mentoring.platform.security.ProgrammeTeams;
import org.mentoring.sessions.model.Agreement;
import org.mentoring.sessions.service.ProgressService;

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

    public ProgressResource(ProgressService progress, Caller caller, ProgrammeTeams teams) {
        this.progress = progress;
        this.caller = caller;
        this.teams = teams;
    }

    public record AtRiskPair(UUID agreementId, UUID programmeId, String menteeId, String mentorId, int meetingCadenceDays,
                             Instant remindedAt, Instant atRiskSince) {
        static AtRiskPair of(Agreement a) {
            return new AtRiskPair(a.agreementId, a.programmeId, a.menteeId, a.mentorId, a.cadenceDays, a.remindedAt, a.atRiskSince);
        }
    }

    @GET
    @Path("agreements/{agreementId}/progress")
    @RolesAllowed({Caller.PARTICIPANT, Caller.ADMIN})
    @Operation(summary = "Progress of a pair", description = "Meetings held, cadence adherence (held / expected by the agreed cadence "
            + "so far, at most 1), agenda topics covered, days since the last held meeting. The pair and the admins on the programme's team; "
            + "anyone else gets 404.")
    public Uni<ProgressService.Progress> progress(@PathParam("agreementId") UUID agreementId) {
        return progress.progress(caller.subject(), agreementId);
    }

    @GET
    @Path("at-risk")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Pairs at risk", description = "Active pairs with no meeting held within 1.5 times their cadence, of the "
            + "programmes whose team the caller is on")
    public Uni<List<AtRiskPair>> atRisk() {
        return teams.administered().chain(progress::atRisk).map(list -> list.stream().map(AtRiskPair::of).toList());
    }

    @POST
    @Path("cadence-check")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Run the cadence check now", description = "What the scheduled job does (remind late pairs, flag pairs at "
            + "risk), for the pairs of the programmes whose team the caller is on")
    public Uni<ProgressService.CheckResult> runCheck() {
        return teams.administered().chain(programmes -> progress.checkCadence(Instant.now(), programmes));
    }
}
