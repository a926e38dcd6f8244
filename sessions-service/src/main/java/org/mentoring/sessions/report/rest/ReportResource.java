package org.mentoring.sessions.report.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.platform.security.Caller;
import org.mentoring.platform.security.ProgrammeTeams;
import org.mentoring.sessions.report.service.ReportService;

import java.util.UUID;

@Path("/api/v1/meetings/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports", description = "Aggregates for HR, with small groups suppressed")
@SecurityRequirement(name = "jwt")
public class ReportResource {

    private final ReportService reports;
    private final ProgrammeTeams teams;

    public ReportResource(ReportService reports, ProgrammeTeams teams) {
        this.reports = reports;
        this.teams = teams;
    }

    @GET
    @Path("programmes/{programmeId}")
    @RolesAllowed({Caller.ADMIN, Caller.HR_INTEGRATION})
    @Operation(operationId = "getMeetingsReport",
            summary = "Programme report", description = "Pairs by outcome (active, completed, ended early), meetings held per pair, "
            + "cadence adherence, satisfaction and agenda topics covered. Any figure about fewer than 5 distinct people, and any count "
            + "from 1 to 4, is suppressed (value null, suppressed true, its path listed in suppressed); zero is shown. Outcomes and "
            + "meetings-held groups add up to the pairs, exit reasons to the exit surveys: when one count is hidden the next smallest "
            + "is hidden too, so no hidden count is the total minus the others. A ratio is hidden when a count it is made of is. "
            + "Topics covered by too few pairs are left out and counted in topicsSuppressed. HR systems read any programme's report, "
            + "admins that of a programme whose team they are on (404 for others).")
    public Uni<ReportService.ProgrammeReport> programme(@PathParam("programmeId") UUID programmeId) {
        return teams.requireAdminOr(Caller.HR_INTEGRATION, programmeId).chain(() -> reports.programme(programmeId));
    }
}
