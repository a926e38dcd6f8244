package org.mentoring.notifications.webhook.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.notifications.webhook.model.Attempt;
import org.mentoring.notifications.webhook.service.Deliveries;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "WebhookDelivery", description = "One event for one subscription, with every attempt to send it")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(
        @Schema(required = true, description = "Also the webhook-id header, the same on every attempt") UUID id,
        @Schema(required = true, description = "The CloudEvent's id") UUID eventId,
        @Schema(required = true) String eventType,
        @Schema(required = true, implementation = org.mentoring.notifications.webhook.model.Delivery.Status.class,
                description = "PENDING (to be sent or retried), DELIVERED (a 2xx answer) or FAILED (given up)") String status,
        @Schema(required = true) Instant createdAt,
        @Schema(description = "When the next attempt is due, while PENDING") Instant nextAttemptAt,
        Instant deliveredAt,
        @Schema(description = "The event concerned a person whose data was erased: its body is gone, it cannot be sent again")
        boolean bodyErased,
        @Schema(required = true, description = "Every attempt, oldest first") List<AttemptView> attempts) {

    @Schema(name = "WebhookAttempt")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AttemptView(
            @Schema(required = true) Instant attemptedAt,
            @Schema(required = true, enumeration = {"SUCCEEDED", "FAILED"}) String status,
            long latencyMs,
            @Schema(description = "The target's HTTP status; absent when there was no answer") Integer responseCode,
            @Schema(description = "The first 1 KB of the target's answer") String responseBody,
            @Schema(description = "Why there was no answer (timeout, refused target, connection error)") String error) {

        static AttemptView of(Attempt a) {
            return new AttemptView(a.attemptedAt, a.succeeded ? "SUCCEEDED" : "FAILED", a.latencyMs, a.responseCode, a.responseBody, a.error);
        }
    }

    public static DeliveryView of(Deliveries.Logged logged) {
        var d = logged.delivery();
        return new DeliveryView(d.id, d.eventId, d.eventType, d.status, d.createdAt, "PENDING".equals(d.status) ? d.nextAttemptAt : null,
                d.deliveredAt, d.body == null, logged.attempts().stream().map(AttemptView::of).toList());
    }
}
