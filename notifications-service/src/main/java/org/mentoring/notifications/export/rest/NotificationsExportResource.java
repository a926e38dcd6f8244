package org.mentoring.notifications.export.rest;

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
import org.mentoring.notifications.export.service.PersonalData;
import org.mentoring.notifications.mail.rest.NotificationPreferencesResource;
import org.mentoring.platform.security.Caller;

import java.time.Instant;
import java.util.List;

@Path("/api/v1/notifications/me/export")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Privacy", description = "A person's own data")
@SecurityRequirement(name = "jwt")
public class NotificationsExportResource {

    private final PersonalData data;
    private final Caller caller;

    public NotificationsExportResource(PersonalData data, Caller caller) {
        this.data = data;
        this.caller = caller;
    }

    @Schema(name = "NotificationsExport", description = "notifications-service's part of a person's export")
    public record NotificationsExport(
            String subject,
            Instant exportedAt,
            @Schema(description = "What the events told this service about the caller: name and languages from their applications, "
                    + "directory person and e-mail address from the directory; null when it knows nothing", nullable = true)
            PersonalData.Recipient recipient,
            @Schema(description = "The caller's applications as their latest event described them: status and, when withdrawn, why")
            List<PersonalData.Application> applications,
            NotificationPreferencesResource.View preferences,
            @Schema(description = "The e-mails sent, skipped or still to send to the caller, oldest first (their text is not kept)")
            List<PersonalData.Mail> mails,
            @Schema(description = "E-mails due later (meeting reminders, surveys, an agreement ending soon)")
            List<PersonalData.Scheduled> scheduled) {
    }

    @GET
    @RolesAllowed({Caller.PARTICIPANT, Caller.ADMIN})
    @Operation(operationId = "getMyNotificationsExport",
            summary = "Export what the e-mail service holds about me", description = "notifications-service's part of a person's "
            + "export, which GET /api/v1/me/export composes with the other services' parts")
    @APIResponse(responseCode = "200", description = "The caller's address, preferences and e-mails",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NotificationsExport.class)))
    public Uni<NotificationsExport> export() {
        String subject = caller.subject();
        return data.of(subject).map(held -> new NotificationsExport(subject, Instant.now(), held.recipient(), held.applications(),
                NotificationPreferencesResource.view(held.preferences()), held.mails(), held.scheduled()));
    }
}
