package org.mentoring.matching.pool.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.matching.pool.service.PoolService;
import org.mentoring.platform.audit.AccessLog;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.paging.Page;
import org.mentoring.platform.security.Caller;
import org.mentoring.platform.security.ProgrammeTeams;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/programmes/{programmeId}/pool")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Matching pool", description = "The people matching works on")
@SecurityRequirement(name = "jwt")
public class PoolResource {

    private final PoolService pool;
    private final ProgrammeTeams teams;
    private final AccessLog accessLog;

    public PoolResource(PoolService pool, ProgrammeTeams teams, AccessLog accessLog) {
        this.pool = pool;
        this.teams = teams;
        this.accessLog = accessLog;
    }

    @GET
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "listPoolCandidates", summary = "List a programme's matching pool",
            description = "The accepted (and already matched) applicants of the programme, in the order they entered the pool. "
                    + "For the programme's team; 404 for other admins. Each person on the page is recorded in the programme's "
                    + "access log as read by the caller, with the Access-Reason header when the programme's admin access is "
                    + "AUDITED.")
    @APIResponse(responseCode = "200", description = "A page of the pool")
    @APIResponse(responseCode = "400", description = "The programme audits admin access and no Access-Reason was given "
            + "(problem type access-reason-required)")
    @APIResponse(responseCode = "403", description = "The programme's admin access is DISABLED (problem type admin-access-disabled)")
    @APIResponse(responseCode = "404", description = "No such programme of the caller's team")
    public Uni<Page<CandidateView>> list(
            @PathParam("programmeId") UUID programmeId,
            @Parameter(description = "Page size, 1-200 (default 50)") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = Cursor.limit(limit);
        Cursor after = Cursor.decode(cursor);
        return teams.requireAdmin(programmeId).chain(() -> pool.page(programmeId, after, size))
                .call(rows -> accessLog.readPage(programmeId, rows.subList(0, Math.min(size, rows.size())), "pool",
                        c -> c.applicationId, c -> List.of(c.applicantId)))
                .map(rows -> Page.of(rows, size, c -> new Cursor(c.enteredAt, c.applicationId), CandidateView::of));
    }
}
