package org.mentoring.applicants.programme.model;

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

/** A programme (cohort) that people apply to. */
@Entity
@Table(name = "programme")
public class Programme {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProgrammeStatus status;

    @Column(name = "application_opens_at")
    public Instant applicationOpensAt;

    @Column(name = "application_closes_at")
    public Instant applicationClosesAt;

    /**
     * The topic catalogue applicants choose from. Stored as a JSON object rather than a bare array:
     * Hibernate Reactive decodes JSON columns as objects.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "topics", nullable = false, columnDefinition = "jsonb")
    public TopicCatalogue catalogue;

    /** Default length of an agreement in months (six in the seeds). */
    @Column(name = "default_agreement_months", nullable = false)
    public int defaultAgreementMonths;

    /** Default number of days between a pair's meetings. */
    @Column(name = "meeting_cadence_days", nullable = false)
    public int meetingCadenceDays;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "matching_settings", nullable = false, columnDefinition = "jsonb")
    public MatchingSettings matching;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    /** One entry of the topic catalogue. */
    @Schema(name = "ProgrammeTopic", description = "A topic of the programme's catalogue")
    public record Topic(String code, String label, @Schema(description = "What the topic covers, if said", nullable = true) String description) {
    }

    /** How matching treats this programme's pool. */
    @Schema(name = "ProgrammeMatchingSettings", description = "The programme's matching rules and weights, as in force")
    public record MatchingSettings(
            Weights weights,
            int hierarchyExclusionLevels,
            int maxInPersonDistanceKm,
            int mentorCapacity,
            int minSeniorityGapYears) {

        public static final MatchingSettings DEFAULTS = new MatchingSettings(new Weights(0.5, 0.2, 0.2, 0.1), 2, 50, 1, 5);
    }

    /** Relative weights of the score components; each 0..1, not all zero. */
    public record Weights(double topicFit, double proximity, double availability, double diversity) {
    }

    /** The catalogue's entries, in the order the admin gave them. */
    public record TopicCatalogue(List<Topic> topics) {
    }

    public List<Topic> topics() {
        return catalogue.topics();
    }

    public boolean offersTopic(String code) {
        return topics().stream().anyMatch(t -> t.code().equals(code));
    }

    /** Whether {@code at} lies in the application window (an open end is unbounded). */
    public boolean acceptsApplicationsAt(Instant at) {
        return status == ProgrammeStatus.OPEN
                && (applicationOpensAt == null || !at.isBefore(applicationOpensAt))
                && (applicationClosesAt == null || at.isBefore(applicationClosesAt));
    }
}
