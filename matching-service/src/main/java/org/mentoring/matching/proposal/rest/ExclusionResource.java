package org.mentoring.matching.proposal.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.matching.proposal.service.ProposalService;
import org.mentoring.platform.idempotency.IdempotencyKeys;
import org.mentoring.platform.security.Caller;
import org.mentoring.platform.security.ProgrammeTeams;

import java.util.UUID;

@Path("/api/v1/programmes/{programmeId}/exclusions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Match proposals")
@SecurityRequirement(name = "jwt")
public class ExclusionResource {

    private final ProposalService proposals;
    private final IdempotencyKeys idempotency;
    private final ProgrammeTeams teams;

    public ExclusionResource(ProposalService proposals, IdempotencyKeys idempotency, ProgrammeTeams teams) {
        this.teams = teams;
        this.proposals = proposals;
        this.idempotency = idempotency;
    }

    @Schema(name = "Exclusion")
    public record ExclusionRequest(@NotNull UUID menteeApplicationId, @NotNull UUID mentorApplicationId,
                                   @NotBlank @Size(max = 2000) String reason) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "excludePair",
            summary = "Keep two people apart", description = "The pair is never proposed by later runs.")
    @APIResponse(responseCode = "204", description = "The two are kept apart")
    public Uni<Response> exclude(@PathParam("programmeId") UUID programmeId, @NotNull @Valid ExclusionRequest request,
                                 @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return idempotency.once("exclusions.create", key, request)
                .work(() -> teams.requireAdmin(programmeId).chain(() -> proposals.exclude(programmeId, request.menteeApplicationId(),
                        request.mentorApplicationId(), request.reason())))
                .answer(x -> Response.noContent().build());
    }
}
