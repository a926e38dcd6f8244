package org.mentoring.matching.pool.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A person in a programme's matching pool: matching-service's own projection of an application,
 * kept from applicants-service's events (it never reads applicants' tables).
 */
@Entity
@Table(name = "pool_candidate")
public class Candidate {

    /** The application this candidate comes from. */
    @Id
    @Column(name = "application_id")
    public UUID applicationId;

    @Column(name = "programme_id", nullable = false)
    public UUID programmeId;

    @Column(name = "applicant_id", nullable = false)
    public String applicantId;

    @Column(name = "display_name")
    public String displayName;

    @Column(nullable = false)
    public String role;

    /** Where the application stands, as last reported by applicants-service. */
    @Column(name = "application_status", nullable = false)
    public String applicationStatus;

    @Column(nullable = false)
    public String institute;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> languages;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> topics;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "meeting_formats", nullable = false, columnDefinition = "text[]")
    public List<String> meetingFormats;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    @Column(name = "entered_at", nullable = false)
    public Instant enteredAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
