package org.mentoring.matching.run.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * One matching run of a programme: asynchronous, polled by the admin who started it. A run requested while matching's
 * copy of the programme is still OPEN (its closing has not arrived yet) is WAITING until the programme is closed, then
 * QUEUED, or FAILED when the closing does not arrive in time. A run is also WAITING while matching has not yet applied
 * every application and agreement event published when the run was requested (or when the closing arrived): an
 * acceptance, or an early end that frees a pair, still in flight must not be left out. A replica claims a QUEUED run
 * (it becomes its {@code owner}) and refreshes {@code heartbeatAt} while it computes; a RUNNING run whose heartbeat
 * went stale lost its replica and is failed by any other.
 */
@Entity
@Table(name = "matching_run")
public class MatchingRun {

    /**
     * PREVIEW computes and explains; PUBLISH also replaces the unapproved proposals with the run's pairs; REMATCH pairs
     * only the people without a partner and publishes those pairs, keeping every other pair as it is.
     */
    @Schema(name = "MatchingRunMode")
    public enum Mode { PREVIEW, PUBLISH, REMATCH }

    @Schema(name = "MatchingRunStatus")
    public enum Status { WAITING, QUEUED, RUNNING, COMPLETED, FAILED }

    @Id
    public UUID id;

    @Column(name = "programme_id", nullable = false)
    public UUID programmeId;

    @Column(nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Mode mode;

    @Column(nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Status status;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    /**
     * What matching must have applied of the topics it follows before this run starts ({@link
     * org.mentoring.matching.run.service.AppliedEvents}), as {@code topic/partition:offset,...}; empty when nothing is
     * waited for (the broker could not be asked), null while a run waiting for the programme's closing has not captured
     * it yet.
     */
    @Column(name = "events_barrier")
    public String eventsBarrier;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public Integer mentees;
    public Integer mentors;

    @Column(name = "total_score")
    public Double totalScore;

    /** Pairs with their explanations, the unmatched with their reasons, the fairness summary. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public RunResult result;

    public String error;

    /** The replica computing (or that computed) the run. */
    public String owner;

    /** Last sign of life of the owner while the run is RUNNING. */
    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;

    @Version
    public long version;
}
