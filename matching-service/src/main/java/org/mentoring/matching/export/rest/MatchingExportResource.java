package org.mentoring.matching.export.rest;

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
import org.mentoring.matching.export.service.MatchingExportService;
import org.mentoring.platform.security.Caller;

@Path("/api/v1/proposals/me/export")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Privacy", description = "A person's own data")
@SecurityRequirement(name = "jwt")
public class MatchingExportResource {

    private final MatchingExportService exports;
    private final Caller caller;

    public MatchingExportResource(MatchingExportService exports, Caller caller) {
        this.exports = exports;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Caller.PARTICIPANT, Caller.ADMIN})
    @Operation(operationId = "getMyMatchingExport",
            summary = "Export one's matching data", description = "matching-service's part of a person's export, which "
            + "GET /api/v1/me/export composes with the other services' parts: the caller's pool entries and the proposals that "
            + "concern them, in the participant view. Only the token subject's own data.")
    @APIResponse(responseCode = "200", description = "The caller's matching data",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MatchingExport.class)))
    public Uni<MatchingExport> export() {
        return exports.export(caller.subject()).map(MatchingExport::of);
    }
}
