package org.mentoring.applicants.programme.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.applicants.programme.service.ProgrammeService;
import org.mentoring.contracts.events.applicants.ProgrammeV1;
import org.mentoring.platform.http.ETags;
import org.mentoring.platform.openapi.HeaderDocs;
import org.mentoring.platform.security.Caller;

import java.util.List;
import java.util.UUID;

/**
 * Who administers a programme. Only the people on its team act as its admins, in every service: they read and decide
 * its applications, run its matching, see its agreements, meetings and progress. A platform admin assigns teams but
 * sees nobody's data unless on the team.
 */
@Path("/api/v1/programmes/{id}/team")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Programmes")
@SecurityRequirement(name = "jwt")
public class ProgrammeTeamResource {

    private final ProgrammeService service;

    public ProgrammeTeamResource(ProgrammeService service) {
        this.service = service;
    }

    @Schema(name = "ProgrammeTeam", description = "Who administers a programme, by the subject (sub claim) of their tokens")
    public record TeamView(
            @Schema(required = true) UUID programmeId,
            @Schema(required = true, description = ETags.FIELD_DESCRIPTION, example = ETags.FIELD_EXAMPLE) String etag,
            @Schema(required = true, description = "Run the programme and manage its team", example = "[\"8c1f0d2e-3b4a-4c5d-9e6f-7a8b9c0d1e2f\"]")
            List<String> owners,
            @Schema(required = true, description = "Run the programme with its owners", example = "[]") List<String> coAdmins,
            @Schema(required = true, enumeration = {"OPEN", "AUDITED", "DISABLED"}, description = ADMIN_ACCESS)
            String adminAccess) {

        static TeamView of(ProgrammeService.TeamOf t) {
            return new TeamView(t.programme().id, ETags.of(t.programme().version), t.team().owners(), t.team().coAdmins(), t.team().adminAccess());
        }
    }

    static final String ADMIN_ACCESS = "How the team and HR systems may read the participants' personal data (applications,"
            + " pool, proposals, agreements, meetings, progress): OPEN, every read is recorded in the programme's access log;"
            + " AUDITED, every read is recorded and must give its reason in the Access-Reason header (400 without);"
            + " DISABLED, such reads are refused (403) and the programme is run by its figures and commands."
            + " The owners list the log at /api/v1/programmes/{id}/access-log; each person finds the reads of their data"
            + " in their export.";

    @Schema(name = "ProgrammeTeamRequest")
    public record TeamRequest(
            @NotNull @Size(min = 1, max = 50) @Schema(required = true, description = "At least one owner")
            List<@NotBlank @Size(max = 255) String> owners,
            @Size(max = 50) @Schema(description = "Empty when left out") List<@NotBlank @Size(max = 255) String> coAdmins,
            @Pattern(regexp = "OPEN|AUDITED|DISABLED", message = "must be OPEN, AUDITED or DISABLED")
            @Schema(enumeration = {"OPEN", "AUDITED", "DISABLED"}, description = ADMIN_ACCESS + " Unchanged when left out.")
            String adminAccess) {
    }

    @GET
    @RolesAllowed({Caller.ADMIN, Caller.PLATFORM_ADMIN})
    @Operation(operationId = "getProgrammeTeam",
            summary = "Read a programme's team", description = "For the team itself and for platform admins.")
    @APIResponse(responseCode = "200", description = "The team, with the programme's ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TeamView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such programme, or the caller is not on its team")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return service.team(id).map(ProgrammeTeamResource::withETag);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.ADMIN, Caller.PLATFORM_ADMIN})
    @Operation(operationId = "replaceProgrammeTeam", summary = "Replace a programme's team",
            description = "By a platform admin or one of the programme's owners; requires If-Match with the programme's ETag. "
                    + "The team keeps at least one owner; a person is an owner or a co-admin, not both; at most 50 people. "
                    + "Every service applies the new team and its admin access as soon as the programme's event reaches it.")
    @APIResponse(responseCode = "200", description = "The team as stored, with the programme's new ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TeamView.class)),
            headers = @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "No owner, someone named twice, or too many people")
    @APIResponse(responseCode = "403", description = "The caller is a co-admin: only owners change the team")
    @APIResponse(responseCode = "404", description = "No such programme, or the caller is not on its team")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<Response> replace(@PathParam("id") UUID id, @NotNull @Valid TeamRequest request,
                                 @Parameter(required = true, description = HeaderDocs.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        ProgrammeV1.Team team = new ProgrammeV1.Team(request.owners().stream().map(String::strip).toList(),
                request.coAdmins() == null ? List.of() : request.coAdmins().stream().map(String::strip).toList());
        return service.replaceTeam(id, team, request.adminAccess(), ifMatch).map(ProgrammeTeamResource::withETag);
    }

    private static Response withETag(ProgrammeService.TeamOf t) {
        return ETags.ok(TeamView.of(t), t.programme().version);
    }
}
