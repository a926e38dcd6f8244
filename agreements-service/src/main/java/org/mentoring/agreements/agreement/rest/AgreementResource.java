package org.mentoring.agreements.agreement.rest;

import org.mentoring.platform.security.Viewer;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.mentoring.agreements.agreement.model.Agreement;
import org.mentoring.agreements.agreement.model.AgreementComment;
import org.mentoring.agreements.agreement.service.AgreementAccess;
import org.mentoring.agreements.agreement.service.AgreementDrafting;
import org.mentoring.agreements.agreement.service.AgreementEndings;
import org.mentoring.agreements.agreement.service.AgreementReads;
import org.mentoring.agreements.agreement.service.AgreementSigning;
import org.mentoring.platform.audit.AccessLog;
import org.mentoring.platform.http.ETags;
import org.mentoring.platform.idempotency.IdempotencyKeys;
import org.mentoring.platform.openapi.HeaderDocs;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.paging.Page;
import org.mentoring.platform.security.Caller;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/agreements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agreements", description = "The mentoring agreement of a pair: draft, versions, signatures, amendments, ending")
@SecurityRequirement(name = "jwt")
public class AgreementResource {

    public static final String MARKDOWN = "text/markdown";
    public static final String PDF = "application/pdf";

    static final String TEAM_READS = "A read by the programme's team (an admin who is not a party) is recorded in the "
            + "programme's access log for both people of the pair, with the Access-Reason header when the programme's admin "
            + "access is AUDITED; when it is DISABLED the team's read is refused (403).";
    static final String REASON_REQUIRED = "Read by the team of a programme that audits admin access, without Access-Reason "
            + "(problem type access-reason-required)";
    static final String ACCESS_DISABLED = "Read by the team of a programme whose admin access is DISABLED (problem type "
            + "admin-access-disabled)";

    private final AgreementReads reads;
    private final AgreementDrafting drafting;
    private final AgreementSigning signing;
    private final AgreementEndings endings;
    private final IdempotencyKeys idempotency;
    private final Caller caller;
    private final AccessLog accessLog;

    public AgreementResource(AgreementReads reads, AgreementDrafting drafting, AgreementSigning signing, AgreementEndings endings,
                             IdempotencyKeys idempotency, Caller caller, AccessLog accessLog) {
        this.reads = reads;
        this.drafting = drafting;
        this.signing = signing;
        this.endings = endings;
        this.accessLog = accessLog;
        this.idempotency = idempotency;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Caller.ADMIN, Caller.PARTICIPANT})
    @Operation(operationId = "listAgreements",
            summary = "List agreements", description = "A participant sees their own; an admin those of the programmes whose "
            + "team they are on (404 for another programme), filtered by programme and status. " + TEAM_READS
            + " A list without programmeId leaves out the agreements of programmes whose admin access is DISABLED.")
    @APIResponse(responseCode = "200", description = "A page of agreements")
    @APIResponse(responseCode = "400", description = REASON_REQUIRED)
    @APIResponse(responseCode = "403", description = "The programme named by programmeId has its admin access DISABLED "
            + "(problem type admin-access-disabled)")
    @APIResponse(responseCode = "404", description = "programmeId names no programme of the admin's team")
    public Uni<Page<AgreementView>> list(@QueryParam("programmeId") UUID programmeId, @QueryParam("status") Agreement.Status status,
                                         @Parameter(description = "Page size, 1-200 (default 50)") @QueryParam("limit") Integer limit,
                                         @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = Cursor.limit(limit);
        String subject = caller.subject();
        Viewer viewer = caller.viewer();
        return reads.page(programmeId, status, viewer, Cursor.decode(cursor), size).chain(rows -> {
            if (!viewer.admin()) {
                return Uni.createFrom().item(Page.of(rows, size, a -> new Cursor(a.createdAt, a.id), a -> AgreementView.of(a, subject, null)));
            }
            // the team's read: recorded; a page spanning programmes leaves out those whose admin access is DISABLED and
            // keeps the cursor after the last row read, so the next page goes on from there
            boolean more = rows.size() > size;
            List<Agreement> read = more ? rows.subList(0, size) : rows;
            String next = more ? new Cursor(read.get(size - 1).createdAt, read.get(size - 1).id).encode() : null;
            Uni<List<Agreement>> shown = programmeId != null
                    ? accessLog.readPage(programmeId, read, AgreementAccess.AGREEMENT, a -> a.id, AgreementAccess::parties)
                    : accessLog.readAll(read, AgreementAccess.AGREEMENT, a -> a.programmeId, a -> a.id, AgreementAccess::parties);
            return shown.map(kept -> new Page<>(kept.stream().map(a -> AgreementView.of(a, subject, null)).toList(), next));
        });
    }

    @GET
    @Path("statistics")
    @RolesAllowed({Caller.ADMIN, Caller.HR_INTEGRATION})
    @Operation(operationId = "getAgreementStatistics",
            summary = "Count agreements by status", description = "Counts only, for HR integrations (of one programme or "
            + "of all) and for a programme's team (of that programme, which must be named). Any count from 1 to 4 is null and its path is listed in suppressed; zero is shown. The statuses "
            + "add up to total, so when one is hidden the next smallest is hidden too: no hidden count is the total minus the others.")
    public Uni<AgreementStatistics> statistics(@QueryParam("programmeId") UUID programmeId) {
        return reads.countsByStatus(programmeId, caller.hasRole(Caller.HR_INTEGRATION)).map(counts -> AgreementStatistics.of(programmeId, counts));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Caller.ADMIN, Caller.PARTICIPANT})
    @Operation(operationId = "getAgreement",
            summary = "Read an agreement", description = "For the pair and admins; with its first "
            + AgreementView.EMBEDDED_COMMENTS + " comments (commentsNextCursor continues them at GET .../comments) and an ETag "
            + "for writes. " + TEAM_READS)
    @APIResponse(responseCode = "200", description = "The agreement with its first comments; ETag carries its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = REASON_REQUIRED)
    @APIResponse(responseCode = "403", description = ACCESS_DISABLED)
    @APIResponse(responseCode = "404", description = "No such agreement visible to the caller")
    public Uni<Response> get(@PathParam("id") UUID id) {
        String subject = caller.subject();
        return reads.get(id, caller.viewer(), AgreementView.EMBEDDED_COMMENTS).map(d -> withETag(Response.ok(AgreementView.withComments(
                d.agreement(), subject, commentPage(d.comments(), AgreementView.EMBEDDED_COMMENTS))), d.agreement()));
    }

    @GET
    @Path("{id}/comments")
    @RolesAllowed({Caller.ADMIN, Caller.PARTICIPANT})
    @Operation(operationId = "listAgreementComments",
            summary = "List the comments", description = "For the pair and admins: the agreement's comments and suggestions, "
            + "oldest first. 404 when the agreement is not visible to the caller. " + TEAM_READS)
    @APIResponse(responseCode = "200", description = "A page of comments")
    @APIResponse(responseCode = "400", description = REASON_REQUIRED)
    @APIResponse(responseCode = "403", description = ACCESS_DISABLED)
    @APIResponse(responseCode = "404", description = "No such agreement visible to the caller")
    public Uni<Page<AgreementView.CommentView>> comments(
            @PathParam("id") UUID id,
            @Parameter(description = "Page size, 1-200 (default 50)") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page, or commentsNextCursor of the agreement")
            @QueryParam("cursor") String cursor) {
        int size = Cursor.limit(limit);
        return reads.comments(id, caller.viewer(), Cursor.decode(cursor), size).map(rows -> commentPage(rows, size));
    }

    @PUT
    @Path("{id}/draft")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "editAgreementDraft",
            summary = "Edit the draft", description = "The mentee owns agendaTopics and goals; both edit the logistics. Editing a "
            + "proposed version starts version N+1 and voids the signatures on N. Requires If-Match.")
    @APIResponse(responseCode = "200", description = "The agreement as edited, with its new ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Invalid fields, each named in errors[]")
    @APIResponse(responseCode = "403", description = "The mentor changed a field the mentee owns (named in errors[])")
    @APIResponse(responseCode = "409", description = "ACTIVE (amend instead) or ended")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<Response> editDraft(@PathParam("id") UUID id, @NotNull @Valid Requests.DraftRequest request,
                                   @Parameter(required = true, description = HeaderDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return drafting.editDraft(id, caller.viewer(), draftEdit(request), ifMatch).map(this::ok);
    }

    @POST
    @Path("{id}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "addAgreementComment",
            summary = "Comment or suggest", description = "Either party, e.g. the mentor suggesting agenda topics.")
    @APIResponse(responseCode = "201", description = "The comment, with the agreement's ETag; Location is the agreement, "
            + "whose comments GET .../comments lists",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementView.CommentView.class)),
            headers = {@Header(name = HttpHeaders.LOCATION, schema = @Schema(type = SchemaType.STRING, format = "uri")),
                @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING))})
    public Uni<Response> comment(@PathParam("id") UUID id, @NotNull @Valid Requests.CommentRequest request,
                                 @HeaderParam(IdempotencyKeys.HEADER) String key, @Context UriInfo uri) {
        return idempotency.once("agreements.comment", key, request)
                .work(() -> drafting.comment(id, caller.viewer(), new AgreementDrafting.NewComment(request.text(), request.field())))
                .answer(c -> {
                    URI location = uri.getBaseUriBuilder().path("api/v1/agreements/{id}").build(c.agreement().id);
                    return withETag(Response.created(location).entity(AgreementView.CommentView.of(c.comment())), c.agreement());
                });
    }

    @POST
    @Path("{id}/proposals")
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "proposeAgreementVersion",
            summary = "Propose the draft for signature", description = "Freezes the draft as version N with the SHA-256 of its "
            + "canonical JSON. Requires If-Match.")
    @APIResponse(responseCode = "201", description = "The agreement, with its new ETag; Location names the frozen version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementView.class)),
            headers = {@Header(name = HttpHeaders.LOCATION, description = HeaderDocs.LOCATION, schema = @Schema(type = SchemaType.STRING, format = "uri")),
                @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "409", description = "Already proposed, ACTIVE (amend instead) or ended")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<Response> propose(@PathParam("id") UUID id,
                                 @Parameter(required = true, description = HeaderDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                 @HeaderParam(IdempotencyKeys.HEADER) String key, @Context UriInfo uri) {
        return idempotency.once("agreements.propose", key, null)
                .work(() -> signing.propose(id, caller.viewer(), ifMatch))
                .answer(p -> created(uri, p));
    }

    @GET
    @Path("{id}/versions")
    @RolesAllowed({Caller.ADMIN, Caller.PARTICIPANT})
    @Operation(operationId = "listAgreementVersions",
            summary = "Version history", description = "Every proposed version with its hash, signatures and fate. " + TEAM_READS)
    @APIResponse(responseCode = "200", description = "The versions")
    @APIResponse(responseCode = "400", description = REASON_REQUIRED)
    @APIResponse(responseCode = "403", description = ACCESS_DISABLED)
    @APIResponse(responseCode = "404", description = "No such agreement visible to the caller")
    public Uni<List<AgreementView.VersionView>> versions(@PathParam("id") UUID id) {
        return reads.history(id, caller.viewer()).map(list -> list.stream().map(AgreementView.VersionView::of).toList());
    }

    @GET
    @Path("{id}/versions/{number}")
    @RolesAllowed({Caller.ADMIN, Caller.PARTICIPANT})
    @Operation(operationId = "getAgreementVersion", summary = "One version", description = TEAM_READS)
    @APIResponse(responseCode = "200", description = "The version with its signatures")
    @APIResponse(responseCode = "400", description = REASON_REQUIRED)
    @APIResponse(responseCode = "403", description = ACCESS_DISABLED)
    @APIResponse(responseCode = "404", description = "No such agreement visible to the caller, or no such version")
    public Uni<AgreementView.VersionView> version(@PathParam("id") UUID id, @PathParam("number") int number) {
        return reads.version(id, number, caller.viewer()).map(AgreementView.VersionView::of);
    }

    @POST
    @Path("{id}/versions/{number}/signatures")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "signAgreementVersion",
            summary = "Sign a proposed version", description = "Each party signs the version open for signature (who, when, hash). "
            + "The second signature puts it in force: ACTIVE, or the amendment replaces the old version. Requires If-Match.")
    @APIResponse(responseCode = "201", description = "The agreement, with its new ETag; Location names the signed version, "
            + "which lists its signatures",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementView.class)),
            headers = {@Header(name = HttpHeaders.LOCATION, schema = @Schema(type = SchemaType.STRING, format = "uri")),
                @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "404", description = "Not a party of this agreement")
    @APIResponse(responseCode = "409", description = "Not the latest proposed version, or already signed by the caller")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<Response> sign(@PathParam("id") UUID id, @PathParam("number") int number, @NotNull @Valid Requests.SignatureRequest request,
                              @Parameter(required = true, description = HeaderDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                              @HeaderParam(IdempotencyKeys.HEADER) String key,
                              @Context UriInfo uri) {
        return idempotency.once("agreements.sign", key, request)
                .work(() -> signing.sign(id, number, caller.viewer(), ifMatch))
                .answer(p -> created(uri, p));
    }

    @POST
    @Path("{id}/amendments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "amendAgreement",
            summary = "Amend an active agreement", description = "Proposes version N+1 (end date, cadence, topics: the mentee's); "
            + "the version in force stays until both sign it. Requires If-Match.")
    @APIResponse(responseCode = "201", description = "The agreement, with its new ETag; Location names the proposed version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementView.class)),
            headers = {@Header(name = HttpHeaders.LOCATION, description = HeaderDocs.LOCATION, schema = @Schema(type = SchemaType.STRING, format = "uri")),
                @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "409", description = "Not ACTIVE")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<Response> amend(@PathParam("id") UUID id, @NotNull @Valid Requests.AmendmentRequest request,
                               @Parameter(required = true, description = HeaderDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               @HeaderParam(IdempotencyKeys.HEADER) String key,
                               @Context UriInfo uri) {
        return idempotency.once("agreements.amend", key, request)
                .work(() -> signing.amend(id, caller.viewer(), amendment(request), ifMatch))
                .answer(p -> created(uri, p));
    }

    @POST
    @Path("{id}/termination")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.ADMIN, Caller.PARTICIPANT})
    @Operation(operationId = "terminateAgreement",
            summary = "End the agreement early", description = "Either party at any time, with a reason category, an optional "
            + "private comment and whether the closing conversation took place; an admin with a reason. Requires If-Match.")
    @APIResponse(responseCode = "200", description = "The TERMINATED agreement, with its new ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "Already ended")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<Response> terminate(@PathParam("id") UUID id, @NotNull @Valid Requests.TerminationRequest request,
                                   @Parameter(required = true, description = HeaderDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                   @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return idempotency.once("agreements.terminate", key, request)
                .work(() -> endings.terminate(id, caller.viewer(), termination(request), ifMatch))
                .answer(this::ok);
    }

    @POST
    @Path("{id}/completion")
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "completeAgreement",
            summary = "Confirm completion", description = "When both parties confirmed, the agreement is COMPLETED. Requires If-Match.")
    @APIResponse(responseCode = "200", description = "The agreement with the caller's confirmation (COMPLETED once both confirmed), "
            + "with its new ETag", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "Not ACTIVE, or already confirmed by the caller")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<Response> complete(@PathParam("id") UUID id,
                                  @Parameter(required = true, description = HeaderDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                  @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return idempotency.once("agreements.complete", key, null)
                .work(() -> endings.confirmCompletion(id, caller.viewer(), ifMatch))
                .answer(this::ok);
    }

    @GET
    @Path("{id}/document")
    @Produces({MARKDOWN, PDF})
    @RolesAllowed({Caller.ADMIN, Caller.PARTICIPANT})
    @Operation(operationId = "getAgreementDocument",
            summary = "The agreement document", description = "The version in force as text/markdown (the default) or "
            + "application/pdf, by content negotiation: parties, scope, time frame, cadence, confidentiality, rules, signatures "
            + "with timestamps and the content hash. " + TEAM_READS)
    @APIResponse(responseCode = "200", description = "The document of the version in force, inline with a file name",
            content = {@Content(mediaType = MARKDOWN, schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = PDF, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "400", description = REASON_REQUIRED)
    @APIResponse(responseCode = "403", description = ACCESS_DISABLED)
    @APIResponse(responseCode = "406", description = "Neither Markdown nor PDF was accepted")
    @APIResponse(responseCode = "409", description = "No version in force yet")
    public Uni<Response> document(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        boolean pdf = prefersPdf(headers.getAcceptableMediaTypes());
        return reads.inForce(id, caller.viewer()).map(p -> {
            String markdown = AgreementDocument.markdown(p.agreement(), p.version());
            String name = "agreement-" + p.agreement().id + "-v" + p.version().number;
            Response.ResponseBuilder answer = pdf
                    ? Response.ok(SimplePdf.fromMarkdown(markdown), PDF).header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + name + ".pdf\"")
                    : Response.ok(markdown, MARKDOWN + ";charset=UTF-8").header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + name + ".md\"");
            return answer.header(HttpHeaders.VARY, HttpHeaders.ACCEPT).build();
        });
    }

    /** The first acceptable type (in the client's order of preference) that we produce decides; Markdown by default. */
    private static boolean prefersPdf(List<MediaType> acceptable) {
        MediaType markdown = MediaType.valueOf(MARKDOWN);
        MediaType pdf = MediaType.valueOf(PDF);
        for (MediaType type : acceptable) {
            if (type.isCompatible(markdown)) {
                return false;
            }
            if (type.isCompatible(pdf)) {
                return true;
            }
        }
        return false;
    }

    private static AgreementDrafting.DraftEdit draftEdit(Requests.DraftRequest r) {
        return new AgreementDrafting.DraftEdit(r.agendaTopics(), r.goals(), r.startDate(), r.endDate(), r.meetingCadenceDays(),
                r.firstMeetingsInPerson(), r.preferredFormat(), r.mayBeShared());
    }

    private static AgreementSigning.Amendment amendment(Requests.AmendmentRequest r) {
        return new AgreementSigning.Amendment(r.endDate(), r.meetingCadenceDays(), r.agendaTopics());
    }

    private static AgreementEndings.Termination termination(Requests.TerminationRequest r) {
        Requests.ClosingConversation closing = r.closingConversation();
        return new AgreementEndings.Termination(r.reasonCategory(), r.comment(),
                closing == null ? null : new AgreementEndings.ClosingConversation(closing.held(), closing.on()));
    }

    private Response created(UriInfo uri, AgreementSigning.Proposed p) {
        URI location = uri.getBaseUriBuilder().path("api/v1/agreements/{id}/versions/{n}").build(p.agreement().id, p.version().number);
        return withETag(Response.created(location).entity(AgreementView.of(p.agreement(), caller.subject(), null)), p.agreement());
    }

    private static Page<AgreementView.CommentView> commentPage(List<AgreementComment> rows, int size) {
        return Page.of(rows, size, c -> new Cursor(c.createdAt, c.id), AgreementView.CommentView::of);
    }

    private Response ok(Agreement a) {
        return withETag(Response.ok(AgreementView.of(a, caller.subject(), null)), a);
    }

    private static Response withETag(Response.ResponseBuilder builder, Agreement a) {
        return ETags.tagged(builder, a.version);
    }

}
