package org.mentoring.matching.run.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.matching.run.model.MatchingRun;
import org.mentoring.matching.run.model.RunResult;
import org.mentoring.matching.run.service.RunService;
import org.mentoring.platform.audit.AccessLog;
import org.mentoring.platform.idempotency.IdempotencyKeys;
import org.mentoring.platform.openapi.HeaderDocs;
import org.mentoring.platform.security.Caller;
import org.mentoring.platform.security.ProgrammeTeams;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/programmes/{programmeId}/matching-runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Matching runs", description = "Optimal matching of a programme's pool, with explanations")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Caller.ADMIN)
public class RunResource {

    private final RunService runs;
    private final IdempotencyKeys idempotency;
    private final Caller caller;
    private final ProgrammeTeams teams;
    private final AccessLog accessLog;

    public RunResource(RunService runs, IdempotencyKeys idempotency, Caller caller, ProgrammeTeams teams, AccessLog accessLog) {
        this.teams = teams;
        this.accessLog = accessLog;
        this.runs = runs;
        this.idempotency = idempotency;
        this.caller = caller;
    }

    @Schema(name = "MatchingRunRequest")
    public record RunRequest(@NotNull @Schema(description = "PREVIEW computes and explains; PUBLISH also replaces the "
            + "unapproved proposals with the run's pairs; REMATCH pairs only the people without a partner (no open proposal, "
            + "no confirmed pair whose agreement is still live: a pair whose agreement was terminated early is free again) "
            + "and proposes those pairs, keeping every open and confirmed pair as it is and counting each mentor's live "
            + "pairs against their capacity; its result explains pairs and unmatched people as a full run's does") MatchingRun.Mode mode) {
    }

    @Schema(name = "MatchingRun")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunView(@Schema(required = true) UUID id, @Schema(required = true) UUID programmeId, @Schema(required = true) MatchingRun.Mode mode,
                          @Schema(description = "WAITING (for the programme's closing, or application changes in flight, to reach matching), QUEUED, RUNNING, "
                                  + "COMPLETED or FAILED (error says why)", required = true) MatchingRun.Status status, @Schema(required = true) Instant requestedAt,
                          Instant startedAt, Instant finishedAt, Integer mentees, Integer mentors, Double totalScore,
                          RunResult result, String error) {
        static RunView of(MatchingRun r, boolean withResult) {
            return new RunView(r.id, r.programmeId, r.mode, r.status, r.requestedAt, r.startedAt, r.finishedAt, r.mentees,
                    r.mentors, r.totalScore, withResult ? r.result : null, r.error);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "startMatchingRun",
            summary = "Start a matching run", description = "Asynchronous: answers 202 with the run to poll. The programme "
            + "must be CLOSED or IN_PROGRESS with accepted mentees and mentors; one run at a time per programme. A run "
            + "requested while matching still sees the programme OPEN (it was just closed at applicants-service and the "
            + "closing is on its way) is accepted as WAITING: it starts by itself once the closing arrives (its pool is "
            + "checked then), and FAILS with the reason when the closing has not arrived within "
            + "mentoring.matching.wait-for-programme (2 minutes unless the operator configured otherwise). A programme in "
            + "DRAFT, CANCELLED or COMPLETED is refused with 409, one matching does not know with 404. A run takes "
            + "at most mentoring.matching.max-pool-size people, mentees and mentors together (4000 unless the operator "
            + "configured otherwise); a larger pool is refused with 422 and nothing is queued. A run also WAITS until matching "
            + "has applied every application change that applicants-service had published when the run was requested (or "
            + "when the closing arrived), so an application accepted a moment before is in the pool; usually a second or two.")
    @APIResponse(responseCode = "202", description = "QUEUED, or WAITING for the programme's closing; Location names the run, "
            + "the body is the run without its result",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)),
            headers = @Header(name = HttpHeaders.LOCATION, description = HeaderDocs.LOCATION, schema = @Schema(type = SchemaType.STRING, format = "uri")))
    @APIResponse(responseCode = "404", description = "Unknown programme")
    @APIResponse(responseCode = "409", description = "Programme in DRAFT or ended, empty pool, or a run already waiting or running")
    @APIResponse(responseCode = "422", description = "The pool is larger than one run takes (problem type pool-too-large; "
            + "the detail gives the size and the limit)")
    public Uni<Response> start(@PathParam("programmeId") UUID programmeId, @NotNull @Valid RunRequest request,
                               @HeaderParam(IdempotencyKeys.HEADER) String key, @Context UriInfo uriInfo) {
        return idempotency.once("matching-runs.start", key, request)
                .work(() -> teams.requireAdmin(programmeId).chain(() -> runs.queue(programmeId, request.mode(), caller.subject())))
                .answer(run -> Response.accepted(RunView.of(run, false))
                        .location(uriInfo.getAbsolutePathBuilder().path(run.id.toString()).build()).build());
    }

    @GET
    @Path("{runId}")
    @Operation(operationId = "getMatchingRun",
            summary = "Read a run", description = "Its status and, once COMPLETED, every pair with its score components and "
            + "the rules it passed, every unmatched applicant with the reason, and the fairness summary. A result is about "
            + "people: its read is recorded in the programme's access log for each person in it, with the Access-Reason "
            + "header when the programme's admin access is AUDITED.")
    @APIResponse(responseCode = "200", description = "The run, with its result once COMPLETED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "400", description = "The run has a result, the programme audits admin access and no "
            + "Access-Reason was given (problem type access-reason-required)")
    @APIResponse(responseCode = "403", description = "The run has a result and the programme's admin access is DISABLED "
            + "(problem type admin-access-disabled)")
    @APIResponse(responseCode = "404", description = "No such run of this programme")
    public Uni<RunView> get(@PathParam("programmeId") UUID programmeId, @PathParam("runId") UUID runId) {
        return teams.requireAdmin(programmeId).chain(() -> runs.get(programmeId, runId))
                .call(run -> run.result == null ? Uni.createFrom().voidItem() : runs.peopleOf(run)
                        .chain(people -> accessLog.read(programmeId, "matching run", runId, people)))
                .map(run -> RunView.of(run, true));
    }

    @GET
    @Operation(operationId = "listMatchingRuns",
            summary = "List a programme's latest runs", description = "Newest first, at most 50, without their results.")
    public Uni<List<RunView>> list(@PathParam("programmeId") UUID programmeId) {
        return teams.requireAdmin(programmeId).chain(() -> runs.latest(programmeId)).map(list -> list.stream().map(r -> RunView.of(r, false)).toList());
    }
}
