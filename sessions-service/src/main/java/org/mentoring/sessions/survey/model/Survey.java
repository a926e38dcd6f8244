package org.mentoring.sessions.survey.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A pulse survey (about a month in) or an exit survey (after the agreement ended) of one person of the pair. */
@Entity
@Table(name = "agreement_survey")
public class Survey {

    public enum Kind { PULSE, EXIT }

    /** Why an agreement ended, as its people see it. */
    public enum EndReason { GOALS_MET, TIME_FRAME_OVER, NO_TIME, NOT_A_FIT, CHANGED_ROLE, OTHER }

    @Id
    public UUID id;

    @Column(name = "agreement_id", nullable = false)
    public UUID agreementId;

    @Column(name = "programme_id", nullable = false)
    public UUID programmeId;

    @Column(name = "author_id", nullable = false)
    public String authorId;

    @Column(name = "author_role", nullable = false)
    public String authorRole;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(nullable = false)
    public int rating;

    @Column(name = "would_recommend")
    public Boolean wouldRecommend;

    @Enumerated(EnumType.STRING)
    @Column(name = "end_reason")
    public EndReason endReason;

    public String comment;

    @Column(name = "share_with_pair", nullable = false)
    public boolean shareWithPair;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
