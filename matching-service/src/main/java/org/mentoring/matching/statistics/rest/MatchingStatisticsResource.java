package org.mentoring.matching.statistics.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.matching.statistics.model.MatchingStatistics;
import org.mentoring.matching.statistics.service.MatchingStatisticsService;
import org.mentoring.platform.security.Caller;
import org.mentoring.platform.security.ProgrammeTeams;

import java.util.UUID;

@Path("/api/v1/programmes/{programmeId}/matching-statistics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Matching statistics", description = "Aggregates for HR reports, with small groups suppressed")
@SecurityRequirement(name = "jwt")
public class MatchingStatisticsResource {

    private static final String EXAMPLE = """
            {"programmeId": "5f0c2d1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f", "pool": {"mentors": null, "mentees": 10},
             "proposalsByStatus": [{"status": "PROPOSED", "count": 0}, {"status": "APPROVED", "count": 0},
               {"status": "REJECTED", "count": 0}, {"status": "CONFIRMED", "count": 7}, {"status": "DECLINED", "count": null},
               {"status": "SUPERSEDED", "count": 0}, {"status": "WITHDRAWN", "count": 0}],
             "confirmedPairs": 7,
             "latestPublishedRun": {"runId": "0b6a3c52-7d1e-4f0a-8c9b-2d3e4f5a6b7c", "completedAt": "2026-12-01T10:00:00Z",
               "menteesInPool": 10, "matchedMentees": 8, "unmatchedMentees": null},
             "suppressed": ["pool.mentors", "proposalsByStatus.DECLINED", "latestPublishedRun.unmatchedMentees"]}""";

    private final MatchingStatisticsService statistics;
    private final ProgrammeTeams teams;

    public MatchingStatisticsResource(MatchingStatisticsService statistics, ProgrammeTeams teams) {
        this.teams = teams;
        this.statistics = statistics;
    }

    @GET
    @RolesAllowed({Caller.ADMIN, Caller.HR_INTEGRATION})
    @Operation(operationId = "getMatchingStatistics", summary = "Aggregate matching figures of a programme",
            description = "The pool by role, proposals by status, confirmed pairs and the totals of the latest completed PUBLISH "
                    + "run (null when there is none). Counts only: never a person, an id of a person or a pair's score. Any count "
                    + "from 1 to 4 is null and its path is listed in suppressed; zero is shown. Where a total is shown (the run's "
                    + "menteesInPool is matchedMentees plus unmatchedMentees, confirmedPairs is the CONFIRMED count), a hidden "
                    + "count never follows from it: the next smallest count of the same sum is hidden too and listed after the "
                    + "small ones. A programme unknown to matching has "
                    + "zero figures, as its pool is empty. Admins and HR integrations only.")
    @APIResponse(responseCode = "200", description = "The figures",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MatchingStatistics.class),
                    examples = @ExampleObject(name = "figures", value = EXAMPLE)))
    @APIResponse(responseCode = "403", description = "Neither an admin nor an HR integration")
    public Uni<MatchingStatistics> get(@PathParam("programmeId") UUID programmeId) {
        return teams.requireAdminOr(Caller.HR_INTEGRATION, programmeId).chain(() -> statistics.of(programmeId));
    }
}
