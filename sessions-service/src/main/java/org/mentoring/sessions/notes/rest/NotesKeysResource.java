package org.mentoring.sessions.notes.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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
import org.mentoring.platform.security.Caller;
import org.mentoring.sessions.notes.service.NotesReEncryption;

/** Key rotation of private notes: how many notes are still under another key than the active one, and re-encrypting them now. */
@Path("/api/v1/meetings/notes/re-encryption")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notes keys", description = "Re-encryption of private notes after a key rotation (never their content)")
@SecurityRequirement(name = "jwt")
public class NotesKeysResource {

    private final NotesReEncryption reEncryption;

    public NotesKeysResource(NotesReEncryption reEncryption) {
        this.reEncryption = reEncryption;
    }

    @GET
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "getNotesReEncryption",
            summary = "Re-encryption status", description = "The active key id and how many private notes are still under other"
            + " keys (0: the old keys can be removed from NOTES_KEYS)")
    @APIResponse(responseCode = "200", description = "The status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NotesReEncryption.Status.class)))
    public Uni<NotesReEncryption.Status> status() {
        return reEncryption.status();
    }

    @POST
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "startNotesReEncryption",
            summary = "Re-encrypt now", description = "Starts rewriting the notes under other keys with the active key on this replica"
            + " (every replica also does so on its own schedule); poll the Location until remaining is 0")
    @APIResponse(responseCode = "202", description = "Started (or already running); Location is the status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NotesReEncryption.Status.class)),
            headers = @Header(name = HttpHeaders.LOCATION, schema = @Schema(type = SchemaType.STRING, format = "uri")))
    public Uni<Response> start(@Context UriInfo uriInfo) {
        reEncryption.request();
        return reEncryption.status().map(s -> Response.accepted(s).location(uriInfo.getAbsolutePath()).build());
    }
}
