package org.mentoring.sessions.agreement.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * sessions-service's projection of an agreement, kept from agreements-service's events: the latest snapshot, by revision
 * (or by changedAt for events without one).
 */
@Entity
@Table(name = "agreement")
public class Agreement {

    public static final String ACTIVE = "ACTIVE";
    public static final String COMPLETED = "COMPLETED";
    public static final String TERMINATED = "TERMINATED";

    @Id
    @Column(name = "agreement_id")
    public UUID agreementId;

    @Column(name = "programme_id", nullable = false)
    public UUID programmeId;

    @Column(nullable = false)
    public String status;

    @Column(name = "mentee_id", nullable = false)
    public String menteeId;

    @Column(name = "mentor_id", nullable = false)
    public String mentorId;

    /** The application each person took part with; null for rows kept before the projection held them, until the next event. */
    @Column(name = "mentee_application_id")
    public UUID menteeApplicationId;

    @Column(name = "mentor_application_id")
    public UUID mentorApplicationId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "agenda_topics", nullable = false, columnDefinition = "text[]")
    public List<String> agendaTopics;

    @Column(name = "start_date", nullable = false)
    public LocalDate startDate;

    @Column(name = "end_date", nullable = false)
    public LocalDate endDate;

    @Column(name = "cadence_days", nullable = false)
    public int cadenceDays;

    @Column(name = "first_in_person", nullable = false)
    public int firstInPerson;

    @Column(name = "preferred_format")
    public String preferredFormat;

    @Column(name = "ended_by")
    public String endedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    /** The revision of the agreement snapshot applied last; null when it came from an event that had none. */
    @Column(name = "source_revision")
    public Long sourceRevision;

    /** When the pair was last reminded (cleared when a meeting is held). */
    @Column(name = "reminded_at")
    public Instant remindedAt;

    /** Since when the pair is flagged at risk (cleared when a meeting is held). */
    @Column(name = "at_risk_since")
    public Instant atRiskSince;

    /** Optimistic lock: the consumer, the cadence check and requests that clear the flags never overwrite each other. */
    @Version
    public long version;

    public boolean isMember(String subject) {
        return subject.equals(menteeId) || subject.equals(mentorId);
    }

    public boolean ended() {
        return COMPLETED.equals(status) || TERMINATED.equals(status);
    }
}
