package org.mentoring.notifications.webhook.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.notifications.webhook.model.Subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "Webhook", description = "A webhook subscription")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookView(
        @Schema(required = true) UUID id,
        @Schema(required = true, description = "Where deliveries are POSTed") String url,
        @Schema(required = true, description = "CloudEvents types wanted: exact types, prefixes such as mentoring.agreement.*, or *") List<String> eventTypes,
        @Schema(description = "Only events whose data names this programme; absent: every programme") UUID programmeId,
        boolean enabled,
        String description,
        @Schema(description = "Why it is disabled: BY_OWNER, GONE (the target answered 410) or FAILING (deliveries failed for too long)",
                enumeration = {"BY_OWNER", "GONE", "FAILING"})
        String disabledReason,
        Instant disabledAt,
        @Schema(description = "Since when every delivery has failed; absent while deliveries succeed") Instant failingSince,
        @Schema(description = "Until when the secret before the last rotation still signs too") Instant previousSecretExpiresAt,
        @Schema(description = "The signing secret (whsec_...): in the answer to the create only, never shown again") String secret,
        @Schema(required = true, description = "Token subject of whoever created it") String ownerId,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true) Instant updatedAt) {

    public static WebhookView of(Subscription s) {
        Instant overlap = s.previousSecretExpiresAt != null && s.previousSecretExpiresAt.isAfter(Instant.now()) ? s.previousSecretExpiresAt : null;
        return new WebhookView(s.id, s.url, List.copyOf(s.eventTypes), s.programmeId, s.enabled, s.description, s.disabledReason,
                s.disabledAt, s.failingSince, overlap, null, s.ownerId, s.createdAt, s.updatedAt);
    }

    public static WebhookView withSecret(Subscription s) {
        WebhookView v = of(s);
        return new WebhookView(v.id, v.url, v.eventTypes, v.programmeId, v.enabled, v.description, v.disabledReason, v.disabledAt,
                v.failingSince, v.previousSecretExpiresAt, s.secret, v.ownerId, v.createdAt, v.updatedAt);
    }
}
