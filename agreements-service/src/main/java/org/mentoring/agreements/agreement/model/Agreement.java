package org.mentoring.agreements.agreement.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A mentoring agreement of one confirmed pair. {@code content} is the latest version's content (the editable
 * draft while it is not frozen); {@code inForceContent} is the content of the version signed by both.
 * <ul>
 *   <li>DRAFT: version {@code latestVersion} is being edited, nothing signed yet.</li>
 *   <li>PROPOSED: version {@code openProposal} is frozen and awaits both signatures.</li>
 *   <li>ACTIVE: version {@code versionInForce} is in force; an amendment may be open for signature.</li>
 *   <li>COMPLETED / TERMINATED: ended, see {@code ending}.</li>
 * </ul>
 */
@Entity
@Table(name = "agreement")
public class Agreement {

    @Schema(name = "AgreementStatus")
    public enum Status { DRAFT, PROPOSED, ACTIVE, COMPLETED, TERMINATED }

    @Schema(name = "AgreementParty")
    public enum Party { MENTEE, MENTOR }

    @Id
    public UUID id;

    @Column(name = "match_id", nullable = false)
    public UUID matchId;

    @Column(name = "programme_id", nullable = false)
    public UUID programmeId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "mentee_application_id", nullable = false)
    public UUID menteeApplicationId;

    @Column(name = "mentee_applicant_id", nullable = false)
    public String menteeApplicantId;

    @Column(name = "mentee_display_name")
    public String menteeDisplayName;

    @Column(name = "mentor_application_id", nullable = false)
    public UUID mentorApplicationId;

    @Column(name = "mentor_applicant_id", nullable = false)
    public String mentorApplicantId;

    @Column(name = "mentor_display_name")
    public String mentorDisplayName;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public AgreementContent content;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "in_force_content", columnDefinition = "jsonb")
    public AgreementContent inForceContent;

    @Column(name = "latest_version", nullable = false)
    public int latestVersion;

    @Column(name = "version_in_force")
    public Integer versionInForce;

    @Column(name = "open_proposal")
    public Integer openProposal;

    @Column(name = "in_force_end_date")
    public LocalDate inForceEndDate;

    @Column(name = "mentee_completion_at")
    public Instant menteeCompletionAt;

    @Column(name = "mentor_completion_at")
    public Instant mentorCompletionAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Ending ending;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    /** The caller's side of the pair, or {@code null} for anyone else. */
    public Party partyOf(String subject) {
        if (menteeApplicantId.equals(subject)) {
            return Party.MENTEE;
        }
        if (mentorApplicantId.equals(subject)) {
            return Party.MENTOR;
        }
        return null;
    }

    public boolean ended() {
        return status == Status.COMPLETED || status == Status.TERMINATED;
    }

    /** Whether the latest version is frozen (proposed or in force), so that a change makes a new version. */
    public boolean latestFrozen() {
        return (openProposal != null && openProposal == latestVersion) || (versionInForce != null && versionInForce == latestVersion);
    }

    /** The version in force, or the latest draft while none is signed. */
    public AgreementContent effectiveContent() {
        return inForceContent != null ? inForceContent : content;
    }
}
