package org.mentoring.applicants.privacy.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.mentoring.applicants.application.rest.ApplicationView;
import org.mentoring.applicants.application.service.ApplicationService;
import org.mentoring.applicants.directory.service.DirectoryProfile;
import org.mentoring.applicants.privacy.service.PrivacyService;
import org.mentoring.contracts.logging.LogSafe;
import org.mentoring.platform.idempotency.IdempotencyKeys;
import org.mentoring.platform.security.Caller;

import java.time.Instant;
import java.util.List;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Privacy", description = "A person's own data: their applications, export and erasure")
@SecurityRequirement(name = "jwt")
public class PrivacyResource {

    private static final Logger LOG = Logger.getLogger(PrivacyResource.class);

    private final PrivacyService privacy;
    private final ApplicationService applications;
    private final IdempotencyKeys idempotency;
    private final Caller caller;

    public PrivacyResource(PrivacyService privacy, ApplicationService applications, IdempotencyKeys idempotency, Caller caller) {
        this.privacy = privacy;
        this.applications = applications;
        this.idempotency = idempotency;
        this.caller = caller;
    }

    @Schema(name = "ErasureRequest")
    public record ErasureRequest(@NotBlank @Size(max = 2000) @Schema(description = "Why, for the record (e.g. the ticket of the request)") String reason) {
    }

    /** Everything about one person: the directory entry and each application with its interview (without admin notes). */
    public record Export(String subject, Instant exportedAt,
                         @Schema(description = "The directory entry; null when the directory has none", nullable = true)
                         DirectoryProfile directory, List<ApplicationView> applications) {

        static Export of(PrivacyService.PersonalData data) {
            return new Export(data.subject(), data.exportedAt(), data.directory(), data.applications().stream()
                    .map(held -> ApplicationView.of(held.application(), held.interview(), false)).toList());
        }
    }

    @GET
    @Path("me/applications")
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "listMyApplications", summary = "List one's own applications")
    public Uni<List<ApplicationView>> mine() {
        return applications.mine(caller.subject()).map(list -> list.stream().map(ApplicationView::of).toList());
    }

    @GET
    @Path("me/export")
    @RolesAllowed({Caller.PARTICIPANT, Caller.ADMIN})
    @Operation(operationId = "getMyApplicantsExport",
            summary = "Export all one's data", description = "Everything applicants-service holds about the caller, as JSON.")
    public Uni<Export> export() {
        return privacy.export(caller.subject(), caller.username()).map(Export::of);
    }

    @POST
    @Path("me/erasure")
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "eraseMyData", summary = "Erase one's data",
            description = "Pseudonymises the caller's applications (live ones end) and tells every service to scrub its copy.")
    @APIResponse(responseCode = "200", description = "What was erased",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PrivacyService.Erasure.class)))
    @APIResponse(responseCode = "404", description = "Nothing held about the caller")
    public Uni<Response> eraseMine(@HeaderParam(IdempotencyKeys.HEADER) String key) {
        return idempotency.once("privacy.erase-own", key, null)
                .work(() -> privacy.erase(caller.subject()))
                .notKept() // its record would name the person; a retry finds nothing left to erase (404)
                .answer(e -> Response.ok(e).build());
    }

    @POST
    @Path("people/{subject}/erasure")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "erasePersonData", summary = "Erase a person's data on their request",
            description = "By an admin on the team of a programme the person applied to, with a reason that is logged.")
    @APIResponse(responseCode = "200", description = "What was erased",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PrivacyService.Erasure.class)))
    @APIResponse(responseCode = "404", description = "Nothing held about that person in the caller's programmes")
    public Uni<Response> erase(@PathParam("subject") String subject, @NotNull @Valid ErasureRequest request,
                               @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return idempotency.once("privacy.erase", key, request)
                .work(() -> privacy.eraseAsAdmin(subject))
                .notKept()
                .afterCommit(e -> LOG.infof("Admin %s erased the data of %s (%d applications): %s",
                        caller.subject(), LogSafe.text(subject), e.applicationsErased(), LogSafe.text(request.reason())))
                .answer(e -> Response.ok(e).build());
    }
}
