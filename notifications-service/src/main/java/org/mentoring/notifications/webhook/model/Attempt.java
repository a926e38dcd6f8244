package org.mentoring.notifications.webhook.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One HTTP attempt of a delivery, as the delivery log shows it. */
@Entity
@Table(name = "webhook_attempt")
public class Attempt {

    @Id
    public UUID id;

    @Column(name = "delivery_id", nullable = false)
    public UUID deliveryId;

    @Column(name = "attempted_at", nullable = false)
    public Instant attemptedAt;

    @Column(nullable = false)
    public boolean succeeded;

    @Column(name = "latency_ms", nullable = false)
    public int latencyMs;

    @Column(name = "response_code")
    public Integer responseCode;

    @Column(name = "response_body")
    public String responseBody;

    public String error;
}
