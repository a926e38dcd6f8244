package org.mentoring.applicants.application.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A short interview an admin asked for before deciding on an application. */
@Entity
@Table(name = "interview")
public class Interview {

    @Id
    @Column(name = "application_id")
    public UUID applicationId;

    @Column(name = "scheduled_at", nullable = false)
    public Instant scheduledAt;

    @Column(name = "duration_minutes", nullable = false)
    public int durationMinutes;

    @Column(name = "video_link")
    public String videoLink;

    /** For admins only: never shown to the applicant, never exported to HR. */
    @Column(name = "admin_notes", columnDefinition = "text")
    public String adminNotes;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;
}
