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

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Matching runs only once applications are closed. */
    public boolean acceptsRuns() {
        return "CLOSED".equals(status) || "IN_PROGRESS".equals(status);
    }
}
