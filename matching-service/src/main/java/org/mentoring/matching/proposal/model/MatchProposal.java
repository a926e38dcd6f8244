package org.mentoring.matching.proposal.model;

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
import java.util.List;
import java.util.UUID;

/**
 * A proposed pair. PROPOSED by a published run or an admin's manual pair; an admin APPROVES (or REJECTS)
 * it; then each person answers for themselves: both accept and it is CONFIRMED, one declines and it is
 * DECLINED (the pair is then excluded from later runs). A later run SUPERSEDES proposals nobody approved. An open
 * (PROPOSED or APPROVED) proposal one of whose people leaves the pool is WITHDRAWN, with the reason; one that breaks
 * a hard rule after a directory change is flagged ({@link #flags}) for an admin.
 */
@Entity
@Table(name = "match_proposal")
public class MatchProposal {

    @Schema(name = "ProposalStatus")
    public enum Status { PROPOSED, APPROVED, REJECTED, CONFIRMED, DECLINED, SUPERSEDED, WITHDRAWN }

    public enum Answer { ACCEPTED, DECLINED }

    @Id
    public UUID id;

    @Column(name = "programme_id", nullable = false)
    public UUID programmeId;

    @Column(name = "run_id")
    public UUID runId;

    @Column(name = "mentee_application_id", nullable = false)
    public UUID menteeApplicationId;

    @Column(name = "mentor_application_id", nullable = false)
    public UUID mentorApplicationId;

    @Column(name = "mentee_applicant_id", nullable = false)
    public String menteeApplicantId;

    @Column(name = "mentor_applicant_id", nullable = false)
    public String mentorApplicantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Enumerated(EnumType.STRING)
    @Column(name = "mentee_answer")
    public Answer menteeAnswer;

    @Enumerated(EnumType.STRING)
    @Column(name = "mentor_answer")
    public Answer mentorAnswer;

    @Column(nullable = false)
    public double score;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Assessment assessment;

    /** The mentee's ranked topics, those the mentor offers first. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "agenda_topics", nullable = false, columnDefinition = "text[]")
    public List<String> agendaTopics;

    @Column(name = "preferred_format")
    public String preferredFormat;

    @Column(nullable = false)
    public boolean manual;

    /** Why an admin paired people although a hard rule says no. */
    @Column(name = "override_reason")
    public String overrideReason;

    @Column(name = "decision_reason")
    public String decisionReason;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /**
     * The hard rules this open proposal broke after a directory change, for an admin to decide; null when none. While
     * flagged it cannot be confirmed: an admin approves it again (with a reason) or rejects it.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Flags flags;

    /**
     * The state of the agreement a confirmed pair made (DRAFT, PROPOSED, ACTIVE, COMPLETED, TERMINATED), as
     * agreements-service last reported it; null until it reports one. A TERMINATED agreement frees both people.
     */
    @Column(name = "agreement_status")
    public String agreementStatus;

    @Column(name = "agreement_revision")
    public Long agreementRevision;

    @Column(name = "agreement_changed_at")
    public Instant agreementChangedAt;

    @Version
    public long version;

    public boolean flagged() {
        return flags != null && flags.items() != null && !flags.items().isEmpty();
    }

    public boolean concerns(String subject) {
        return menteeApplicantId.equals(subject) || mentorApplicantId.equals(subject);
    }
}
