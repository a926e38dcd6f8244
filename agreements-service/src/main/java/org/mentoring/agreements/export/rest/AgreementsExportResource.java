package org.mentoring.agreements.export.rest;

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
import org.mentoring.agreements.export.service.AgreementsExportService;
import org.mentoring.platform.security.Caller;

@Path("/api/v1/agreements/me/export")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Privacy", description = "A person's own data")
@SecurityRequirement(name = "jwt")
public class AgreementsExportResource {

    private final AgreementsExportService exports;
    private final Caller caller;

    public AgreementsExportResource(AgreementsExportService exports, Caller caller) {
        this.exports = exports;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Caller.PARTICIPANT, Caller.ADMIN})
    @Operation(operationId = "getMyAgreementsExport",
            summary = "Export one's agreements", description = "agreements-service's part of a person's export, which "
            + "GET /api/v1/me/export composes with the other services' parts: every agreement the caller is a party to, with its "
            + "comments and all its versions and signatures. A private comment on an ending is shown to its author only.")
    @APIResponse(responseCode = "200", description = "The caller's agreements",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementsExport.class)))
    public Uni<AgreementsExport> export() {
        String subject = caller.subject();
        return exports.export(subject).map(held -> AgreementsExport.of(subject, held));
    }
}
