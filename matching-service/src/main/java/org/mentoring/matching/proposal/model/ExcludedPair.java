package org.mentoring.matching.proposal.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A pair that is never proposed again: an admin's exclusion, or two people one of whom declined. */
@Entity
@Table(name = "excluded_pair")
public class ExcludedPair {

    @EmbeddedId
    public Key key;

    @Column(nullable = false)
    public String source;

    public String reason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Embeddable
    public record Key(
            @Column(name = "programme_id") UUID programmeId,
            @Column(name = "mentee_application_id") UUID menteeApplicationId,
            @Column(name = "mentor_application_id") UUID mentorApplicationId) implements Serializable {
    }
}
