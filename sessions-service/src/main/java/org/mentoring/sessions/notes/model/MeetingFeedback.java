package org.mentoring.sessions.notes.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One person's rating of a held meeting; the comment is private to its author unless shared with the pair. */
@Entity
@Table(name = "meeting_feedback")
public class MeetingFeedback {

    @Id
    public UUID id;

    @Column(name = "meeting_id", nullable = false)
    public UUID meetingId;

    @Column(name = "agreement_id", nullable = false)
    public UUID agreementId;

    @Column(name = "programme_id", nullable = false)
    public UUID programmeId;

    @Column(name = "author_id", nullable = false)
    public String authorId;

    @Column(name = "author_role", nullable = false)
    public String authorRole;

    @Column(nullable = false)
    public int rating;

    public String comment;

    @Column(name = "share_with_pair", nullable = false)
    public boolean shareWithPair;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
