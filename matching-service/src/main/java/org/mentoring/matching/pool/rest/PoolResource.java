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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.matching.pool.service.PoolService;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.paging.Page;
import org.mentoring.platform.security.Caller;
import org.mentoring.platform.security.ProgrammeTeams;

import java.util.UUID;

@Path("/api/v1/programmes/{programmeId}/pool")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Matching pool", description = "The people matching works on")
@SecurityRequirement(name = "jwt")
public class PoolResource {

    private final PoolService pool;
    private final ProgrammeTeams teams;

    public PoolResource(PoolService pool, ProgrammeTeams teams) {
        this.pool = pool;
        this.teams = teams;
    }

    @GET
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "List a programme's matching pool",
            description = "The accepted (and already matched) applicants of the programme, in the order they entered the pool. "
                    + "For the programme's team; 404 for other admins.")
    public Uni<Page<CandidateView>> list(
            @PathParam("programmeId") UUID programmeId,
            @Parameter(description = "Page size, 1-200 (default 50)") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = Cursor.limit(limit);
        Cursor after = Cursor.decode(cursor);
        return teams.requireAdmin(programmeId).chain(() -> pool.page(programmeId, after, size))
                .map(rows -> Page.of(rows, size, c -> new Cursor(c.enteredAt, c.applicationId), CandidateView::of));
    }
}
