package org.mentoring.matching.programme.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.mentoring.contracts.events.applicants.ProgrammeV1;

import java.time.Instant;
import java.util.UUID;

/** matching-service's copy of a programme: its status and matching settings, kept from programme events. */
@Entity
@Table(name = "programme")
public class ProgrammeProjection {

    /** Applications are open: a run requested now waits for the closing. */
    public static final String OPEN = "OPEN";

    @Id
    @Column(name = "programme_id")
    public UUID programmeId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String status;

    @Column(name = "agreement_months", nullable = false)
    public int agreementMonths;

    @Column(name = "cadence_days", nullable = false)
    public int cadenceDays;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public ProgrammeV1.MatchingSettings settings;

    /** When applicants-service made the change the applied snapshot reports (its {@code changedAt}). */
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The revision of the programme snapshot applied last; null when it came from an event that had none. */
    @Column(name = "source_revision")
    public Long sourceRevision;

    /** Matching runs only once applications are closed. */
    public boolean acceptsRuns() {
        return "CLOSED".equals(status) || "IN_PROGRESS".equals(status);
    }
}
