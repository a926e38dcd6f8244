package org.mentoring.matching.proposal.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.matching.proposal.model.MatchProposal;
import org.mentoring.matching.proposal.service.ParticipantProposals;
import org.mentoring.matching.proposal.service.ProposalService;
import org.mentoring.platform.audit.AccessLog;
import org.mentoring.platform.http.ETags;
import org.mentoring.platform.idempotency.IdempotencyKeys;
import org.mentoring.platform.openapi.HeaderDocs;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.paging.Page;
import org.mentoring.platform.security.Caller;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/proposals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Match proposals", description = "Proposed pairs: admins approve, each person accepts or declines. Admins read the "
        + "full proposal (MatchProposal); each person reads the participant view of their own (ParticipantMatchProposal).")
@SecurityRequirement(name = "jwt")
public class ProposalResource {

    private final ProposalService proposals;
    private final ParticipantProposals participantProposals;
    private final IdempotencyKeys idempotency;
    private final Caller caller;
    private final AccessLog accessLog;

    /** What a read of a proposal is called in the access log. */
    static final String PROPOSAL = "proposal";

    public ProposalResource(ProposalService proposals, ParticipantProposals participantProposals, IdempotencyKeys idempotency,
                            Caller caller, AccessLog accessLog) {
        this.accessLog = accessLog;
        this.proposals = proposals;
        this.participantProposals = participantProposals;
        this.idempotency = idempotency;
        this.caller = caller;
    }

    @Schema(name = "ProposalReview")
    public record ReviewRequest(@NotNull Boolean approve, @Size(max = 2000) @Schema(description = "Required to reject") String reason) {
    }

    @Schema(name = "ProposalAnswer")
    public record AnswerRequest(@NotNull @Schema(description = "true to accept the pair, false to decline it") Boolean accept) {
    }

    @Schema(name = "ManualPair")
    public record ManualPairRequest(
            @NotNull UUID programmeId,
            @NotNull UUID menteeApplicationId,
            @NotNull UUID mentorApplicationId,
            @Size(max = 2000) @Schema(description = "Required when the pair breaks a hard rule; stored") String overrideReason) {
    }

    @GET
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "listProposals",
            summary = "List proposals", description = "For admins: every proposal with its score, explanation and "
            + "reasons, filtered by programme and status; without programmeId, those of every programme whose team the caller "
            + "is on. Participants list their own at /api/v1/proposals/mine. Each proposal listed is recorded in its "
            + "programme's access log as read by the caller (for both people of the pair), with the Access-Reason header when "
            + "the programme's admin access is AUDITED; a list without programmeId leaves out the proposals of programmes "
            + "whose admin access is DISABLED.")
    @APIResponse(responseCode = "200", description = "A page of proposals")
    @APIResponse(responseCode = "400", description = "A proposal of a programme that audits admin access would be listed and no "
            + "Access-Reason was given (problem type access-reason-required)")
    @APIResponse(responseCode = "403", description = "The programme named by programmeId has its admin access DISABLED "
            + "(problem type admin-access-disabled)")
    @APIResponse(responseCode = "404", description = "programmeId names no programme of the caller's team")
    public Uni<Page<ProposalView>> list(@QueryParam("programmeId") UUID programmeId, @QueryParam("status") MatchProposal.Status status,
                                        @Parameter(description = "Page size, 1-200 (default 50)") @QueryParam("limit") Integer limit,
                                        @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = Cursor.limit(limit);
        return proposals.page(programmeId, status, caller.viewer(), Cursor.decode(cursor), size)
                .chain(rows -> recorded(programmeId, rows, size));
    }

    /**
     * Records the team's read of a page of proposals ({@code size + 1} rows, the last only telling that more exist) and
     * answers it; a page spanning programmes leaves out those of programmes whose admin access is DISABLED, keeping the
     * cursor after the last row read so the next page goes on from there.
     */
    private Uni<Page<ProposalView>> recorded(UUID programmeId, List<MatchProposal> rows, int size) {
        boolean more = rows.size() > size;
        List<MatchProposal> read = more ? rows.subList(0, size) : rows;
        String next = more ? new Cursor(read.get(size - 1).createdAt, read.get(size - 1).id).encode() : null;
        Uni<List<MatchProposal>> shown = programmeId != null
                ? accessLog.readPage(programmeId, read, PROPOSAL, p -> p.id, ProposalResource::people)
                : accessLog.readAll(read, PROPOSAL, p -> p.programmeId, p -> p.id, ProposalResource::people);
        return shown.map(kept -> new Page<>(kept.stream().map(ProposalView::of).toList(), next));
    }

    /** The two people a proposal is about. */
    private static Collection<String> people(MatchProposal p) {
        return Arrays.asList(p.menteeApplicantId, p.mentorApplicantId);
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "getProposal",
            summary = "Read a proposal", description = "For admins: the full proposal with its score, explanation and "
            + "reasons. Participants read their own at /api/v1/proposals/mine/{id}. The read is recorded in the programme's "
            + "access log for both people of the pair, with the Access-Reason header when the programme's admin access is "
            + "AUDITED.")
    @APIResponse(responseCode = "200", description = "The proposal; ETag carries its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProposalView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "The programme audits admin access and no Access-Reason was given "
            + "(problem type access-reason-required)")
    @APIResponse(responseCode = "403", description = "The programme's admin access is DISABLED (problem type admin-access-disabled)")
    @APIResponse(responseCode = "404", description = "No such proposal")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return proposals.get(id, caller.viewer())
                .call(p -> accessLog.read(p.programmeId, PROPOSAL, p.id, people(p)))
                .map(ProposalResource::withETag);
    }

    @GET
    @Path("mine")
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "listMyProposals",
            summary = "List one's own proposals", description = "The approved, confirmed and declined proposals that "
            + "concern the caller, in the participant view: the partner's name, role and answer and what the two share; "
            + "no score, score components, distance, rules or reasons.")
    public Uni<Page<ParticipantProposalView>> listMine(@QueryParam("programmeId") UUID programmeId,
                                                       @QueryParam("status") MatchProposal.Status status,
                                                       @Parameter(description = "Page size, 1-200 (default 50)") @QueryParam("limit") Integer limit,
                                                       @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = Cursor.limit(limit);
        return participantProposals.page(programmeId, status, caller.subject(), Cursor.decode(cursor), size)
                .map(rows -> Page.of(rows, size, s -> new Cursor(s.proposal().createdAt, s.proposal().id), ParticipantProposalView::of));
    }

    @GET
    @Path("mine/{id}")
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "getMyProposal",
            summary = "Read one's own proposal", description = "The participant view of an approved, confirmed or declined "
            + "proposal that concerns the caller.")
    @APIResponse(responseCode = "200", description = "The proposal as the caller may see it; ETag carries its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ParticipantProposalView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such approved proposal of the caller")
    public Uni<Response> getMine(@PathParam("id") UUID id) {
        return participantProposals.get(id, caller.subject()).map(ProposalResource::withETag);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "createManualProposal",
            summary = "Pair two people by hand", description = "Checked against the hard rules; breaking one needs an "
            + "overrideReason. The pair is approved at once and both people are asked.")
    @APIResponse(responseCode = "201", description = "The approved pair; Location names it, ETag carries its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProposalView.class)),
            headers = {@Header(name = HttpHeaders.LOCATION, description = HeaderDocs.LOCATION, schema = @Schema(type = SchemaType.STRING, format = "uri")),
                @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "Not accepted applications of this programme's pool, or wrong roles")
    @APIResponse(responseCode = "409", description = "The mentee already has an open pair")
    @APIResponse(responseCode = "422", description = "A hard rule is broken and no overrideReason was given")
    public Uni<Response> pairByHand(@NotNull @Valid ManualPairRequest request, @HeaderParam(IdempotencyKeys.HEADER) String key,
                                    @Context UriInfo uriInfo) {
        return idempotency.once("proposals.pair-by-hand", key, request)
                .work(() -> proposals.pairByHand(request.programmeId(), request.menteeApplicationId(), request.mentorApplicationId(),
                        request.overrideReason(), caller.subject()))
                .answer(p -> ETags.tagged(Response.created(uriInfo.getAbsolutePathBuilder().path(p.id.toString()).build())
                        .entity(ProposalView.of(p)), p.version));
    }

    @POST
    @Path("{id}/review")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "reviewProposal",
            summary = "Approve or reject a proposal", description = "Approved pairs are shown to both people; rejected pairs "
            + "are never proposed again. Requires If-Match. A proposal with flags (it breaks a hard rule since one of the pair "
            + "changed in the directory: a new manager chain, another institute) is reviewed again, PROPOSED or APPROVED: "
            + "approving it needs a reason, which becomes its overrideReason, and clears the flags; rejecting an APPROVED one "
            + "announces mentoring.match.withdrawn.v1 to the pair. Until then the pair cannot confirm it.")
    @APIResponse(responseCode = "200", description = "The reviewed proposal; ETag carries its new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProposalView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "Neither PROPOSED nor a flagged APPROVED proposal")
    @APIResponse(responseCode = "422", description = "Approving a flagged proposal without a reason (problem type hard-rule-broken, "
            + "one field error per broken rule)")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<Response> review(@PathParam("id") UUID id, @NotNull @Valid ReviewRequest request,
                                @Parameter(required = true, description = HeaderDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return idempotency.once("proposals.review", key, request)
                .work(() -> proposals.review(id, request.approve(), request.reason(), caller.subject(), ifMatch))
                .answer(ProposalResource::withETag);
    }

    @POST
    @Path("{id}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "answerProposal",
            summary = "Accept or decline one's own proposal", description = "When both accept the match is confirmed; a "
            + "decline returns both to the pool and keeps them apart in later runs. While the admins review the pair again "
            + "after a change in the organisation, it cannot be accepted (409 proposal-under-review); declining stays possible.")
    @APIResponse(responseCode = "200", description = "The answered proposal in the participant view; ETag carries its new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ParticipantProposalView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such approved proposal of the caller")
    @APIResponse(responseCode = "409", description = "Already answered, the proposal is no longer open, or it waits for an "
            + "admin's review after a change in the organisation (problem type proposal-under-review)")
    public Uni<Response> answer(@PathParam("id") UUID id, @NotNull @Valid AnswerRequest request,
                                @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return idempotency.once("proposals.answer", key, request)
                .work(() -> participantProposals.answer(id, caller.subject(), request.accept()))
                .answer(ProposalResource::withETag);
    }


    private static Response withETag(MatchProposal p) {
        return ETags.ok(ProposalView.of(p), p.version);
    }

    private static Response withETag(ParticipantProposals.Seen seen) {
        return ETags.ok(ParticipantProposalView.of(seen), seen.proposal().version);
    }
}
