package org.mentoring.sessions.privacy.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.platform.security.Caller;
import org.mentoring.sessions.privacy.service.SessionsExportService;

@Path("/api/v1/meetings/me/export")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Privacy", description = "A person's own data")
@SecurityRequirement(name = "jwt")
public class SessionsExportResource {

    private final SessionsExportService exports;
    private final Caller caller;

    public SessionsExportResource(SessionsExportService exports, Caller caller) {
        this.exports = exports;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Caller.PARTICIPANT, Caller.ADMIN})
    @Operation(operationId = "getMyMeetingsExport",
            summary = "Export one's meetings, notes, feedback and surveys", description = "sessions-service's part of a "
            + "person's export, which GET /api/v1/me/export composes with the other services' parts: the caller's meetings, the "
            + "notes they may read (their own private notes decrypted), feedback and surveys, as the pair's own requests show them.")
    @APIResponse(responseCode = "200", description = "The caller's meetings and what they wrote and received about them",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionsExport.class)))
    public Uni<SessionsExport> export() {
        String subject = caller.subject();
        return exports.export(subject).map(export -> SessionsExport.of(subject, export));
    }
}
