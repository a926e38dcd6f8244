package org.mentoring.notifications.mail.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.notifications.mail.model.MailKind;
import org.mentoring.notifications.mail.service.Preferences;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.security.Caller;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

@Path("/api/v1/me/notification-preferences")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "E-mail preferences", description = "Which e-mails the caller receives and in which language")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Caller.PARTICIPANT, Caller.ADMIN})
public class NotificationPreferencesResource {

    private final Preferences preferences;
    private final Caller caller;

    public NotificationPreferencesResource(Preferences preferences, Caller caller) {
        this.preferences = preferences;
        this.caller = caller;
    }

    @Schema(name = "NotificationKindPreference")
    public record KindView(@Schema(description = "The e-mail kind", implementation = MailKind.class) String kind,
                           @Schema(description = "Whether the caller receives it") boolean enabled,
                           @Schema(description = "Required e-mails (decisions on an application, an agreement to sign, the end of an "
                                   + "agreement) cannot be switched off") boolean required) {
    }

    @Schema(name = "NotificationPreferences")
    public record View(@Schema(description = "en or de; null: the first of the directory's languages, else the application's, "
            + "that is en or de, else the platform's default", nullable = true) String language,
                       List<KindView> kinds) {
    }

    @Schema(name = "NotificationPreferencesChange", description = "Replaces the caller's preferences: each kind mentioned is on (true) "
            + "or off (false), a kind not mentioned is on")
    public record Change(@Schema(description = "en, de or null", nullable = true) String language,
                         @Schema(description = "Kind code to on/off", example = "{\"SURVEY_DUE\": false, \"CADENCE_MISSED\": true}")
                         Map<String, Boolean> kinds) {
    }

    @GET
    @Operation(operationId = "getNotificationPreferences",
            summary = "My e-mail preferences", description = "Every e-mail kind, whether the caller receives it and whether it is required")
    @APIResponse(responseCode = "200", description = "The preferences",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = View.class)))
    public Uni<View> get() {
        return preferences.of(caller.subject()).map(NotificationPreferencesResource::view);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateNotificationPreferences",
            summary = "Change my e-mail preferences", description = "Kinds switched off are not mailed to the caller (a pending "
            + "mail of that kind is dropped when due); required kinds cannot be switched off")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = Change.class)))
    @APIResponse(responseCode = "200", description = "The preferences now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = View.class)))
    @APIResponse(responseCode = "400", description = "Not a JSON object of language and kinds")
    @APIResponse(responseCode = "422", description = "A required kind switched off, an unknown kind (the valid ones are listed) or language")
    public Uni<View> put(Change change) {
        if (change == null) {
            throw ProblemException.invalidField("body", "is required: {\"language\": ..., \"kinds\": {...}}");
        }
        return preferences.replace(caller.subject(), change.kinds(), change.language()).map(NotificationPreferencesResource::view);
    }

    public static View view(Preferences.Chosen chosen) {
        return new View(chosen.language(), Arrays.stream(MailKind.values())
                .map(k -> new KindView(k.name(), k.required() || !chosen.off().contains(k.name()), k.required())).toList());
    }
}
