package org.mentoring.notifications.webhook.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A webhook subscription: where to send which events, signed with which secrets. */
@Entity
@Table(name = "webhook_subscription")
public class Subscription {

    @Id
    public UUID id;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(nullable = false)
    public String url;

    /** CloudEvents types wanted: exact types, prefixes ending in {@code .*}, or {@code *}. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "event_types", nullable = false, columnDefinition = "text[]")
    public List<String> eventTypes = new ArrayList<>();

    @Column(name = "programme_id")
    public UUID programmeId;

    @Column(nullable = false)
    public boolean enabled;

    public String description;

    @Column(nullable = false)
    public String secret;

    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;

    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
