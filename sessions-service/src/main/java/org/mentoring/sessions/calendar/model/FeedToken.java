package org.mentoring.sessions.calendar.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A personal calendar feed token; only its SHA-256 (hex) is stored. */
@Entity
@Table(name = "feed_token")
public class FeedToken {

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
