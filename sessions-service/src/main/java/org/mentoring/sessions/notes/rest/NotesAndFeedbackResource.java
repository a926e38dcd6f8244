package org.mentoring.sessions.notes.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.platform.idempotency.IdempotencyKeys;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.paging.Page;
import org.mentoring.platform.security.Caller;
import org.mentoring.sessions.notes.model.MeetingNote;
import org.mentoring.sessions.notes.service.FeedbackService;
import org.mentoring.sessions.notes.service.NoteService;

import java.util.List;
import java.util.UUID;

/** Notes and feedback: the pair only. Admins and hr-integration never reach note or comment content (403). */
@Path("/api/v1/meetings/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notes and feedback", description = "Shared and private notes of a meeting, and feedback after it was held")
@SecurityRequirement(name = "jwt")
public class NotesAndFeedbackResource {

    private final NoteService notes;
    private final FeedbackService feedback;
    private final IdempotencyKeys idempotency;
    private final Caller caller;

    public NotesAndFeedbackResource(NoteService notes, FeedbackService feedback, IdempotencyKeys idempotency, Caller caller) {
        this.notes = notes;
        this.feedback = feedback;
        this.idempotency = idempotency;
        this.caller = caller;
    }

    @Schema(name = "NoteCreate")
    public record NoteRequest(@NotNull @Schema(description = "SHARED: both of the pair; PRIVATE: only you, encrypted at rest")
                              MeetingNote.Visibility visibility,
                              @NotNull @Schema(description = "At most 20,000 characters (413 beyond)") String content) {
    }

    @Schema(name = "FeedbackCreate")
    public record FeedbackRequest(@NotNull @Min(1) @Max(5) Integer rating, @Size(max = 2000) String comment,
                                  @Schema(description = "Show the comment to the other person of the pair") Boolean shareWithPair) {
    }

    @POST
    @Path("notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "addNote", summary = "Add a note", description = "By one of the pair")
    @APIResponse(responseCode = "201", description = "Stored; Location is the new note",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NoteService.NoteView.class)),
            headers = @Header(name = HttpHeaders.LOCATION, schema = @Schema(type = SchemaType.STRING, format = "uri")))
    @APIResponse(responseCode = "404", description = "No such meeting of the caller")
    @APIResponse(responseCode = "413", description = "Note too large")
    public Uni<Response> addNote(@PathParam("id") UUID id, @NotNull @Valid NoteRequest r, @HeaderParam(IdempotencyKeys.HEADER) String key,
                                 @Context UriInfo uriInfo) {
        // a private note is encrypted at rest: its answer is not stored with the key, a replay reads the note again
        return idempotency.once("notes.add", key, r)
                .work(() -> notes.add(caller.subject(), id, r.visibility(), r.content()))
                .bodyNotStored(stored -> notes.one(caller.subject(), id, lastSegment(stored.getLocation()))
                        .map(n -> Response.fromResponse(stored).entity(n).type(MediaType.APPLICATION_JSON).build()))
                .answer(n -> Response.created(uriInfo.getAbsolutePathBuilder().path(n.id().toString()).build()).entity(n).build());
    }

    @GET
    @Path("notes")
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "listNotes",
            summary = "Read the notes", description = "The shared notes and the caller's own private ones, oldest first, a page at a time")
    public Uni<Page<NoteService.NoteView>> listNotes(@PathParam("id") UUID id,
                                                     @Parameter(description = "Page size, 1-200 (default 50)") @QueryParam("limit") Integer limit,
                                                     @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return notes.page(caller.subject(), id, Cursor.decode(cursor), Cursor.limit(limit));
    }

    @GET
    @Path("notes/{noteId}")
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "getNote", summary = "Read one note", description = "A shared note, or the caller's own private one")
    @APIResponse(responseCode = "200", description = "The note",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NoteService.NoteView.class)))
    @APIResponse(responseCode = "404", description = "No such meeting of the caller, or no such note readable by the caller")
    public Uni<NoteService.NoteView> note(@PathParam("id") UUID id, @PathParam("noteId") UUID noteId) {
        return notes.one(caller.subject(), id, noteId);
    }

    @POST
    @Path("feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "giveFeedback",
            summary = "Give feedback on a held meeting", description = "Once per person; the comment stays private unless shareWithPair")
    @APIResponse(responseCode = "201", description = "Stored; Location is the meeting's feedback",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeedbackService.FeedbackView.class)),
            headers = @Header(name = HttpHeaders.LOCATION, schema = @Schema(type = SchemaType.STRING, format = "uri")))
    @APIResponse(responseCode = "409", description = "The meeting was not held, or feedback was already given")
    public Uni<Response> giveFeedback(@PathParam("id") UUID id, @NotNull @Valid FeedbackRequest r,
                                      @HeaderParam(IdempotencyKeys.HEADER) String key, @Context UriInfo uriInfo) {
        return idempotency.once("feedback.give", key, r)
                .work(() -> feedback.submit(caller.subject(), id, r.rating(), r.comment(), Boolean.TRUE.equals(r.shareWithPair())))
                .answer(f -> Response.created(uriInfo.getAbsolutePathBuilder().build()).entity(f).build());
    }

    @GET
    @Path("feedback")
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "listFeedback",
            summary = "Read the feedback", description = "Your own, and the partner's rating with its comment only when shared")
    public Uni<List<FeedbackService.FeedbackView>> listFeedback(@PathParam("id") UUID id) {
        return feedback.list(caller.subject(), id);
    }

    private static UUID lastSegment(java.net.URI location) {
        String path = location.getPath();
        return UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
    }
}
