package org.mentoring.applicants.application.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A person's application to a programme, as mentor or mentee. */
@Entity
@Table(name = "application")
public class Application {

    @Id
    public UUID id;

    @Column(name = "programme_id", nullable = false)
    public UUID programmeId;

    /** The applicant's subject (JWT {@code sub}): the owner. */
    @Column(name = "applicant_id", nullable = false)
    public String applicantId;

    @Column(name = "display_name")
    public String displayName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ApplicantRole role;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ApplicationStatus status;

    @Column(nullable = false)
    public String institute;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> languages;

    /** Topic codes: a mentee's ranked agenda (first = most wanted), a mentor's offer. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> topics;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "meeting_formats", nullable = false, columnDefinition = "text[]")
    public List<String> meetingFormats;

    @Column(columnDefinition = "text")
    public String motivation;

    @Column(name = "privacy_policy_version", nullable = false)
    public String privacyPolicyVersion;

    @Column(name = "consented_at", nullable = false)
    public Instant consentedAt;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
