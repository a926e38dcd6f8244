package org.mentoring.notifications.webhook.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event for one subscription, until it is delivered or given up. Written by native SQL, read through this. */
@Entity
@Table(name = "webhook_delivery")
public class Delivery {

    @Schema(name = "WebhookDeliveryStatus")
    public enum Status { PENDING, DELIVERED, FAILED }

    @Id
    public UUID id;

    @Column(name = "subscription_id", nullable = false)
    public UUID subscriptionId;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    /** The CloudEvent as received; null once erased. */
    public String body;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "last_response_code")
    public Integer lastResponseCode;

    @Column(name = "erase_after_send", nullable = false)
    public boolean eraseAfterSend;
}
