package org.mentoring.agreements.programme.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A programme's status as the newest of its events announces it, with that snapshot's revision and changedAt (to skip older
 * snapshots). {@code status} is null while only a draft has been opened for the programme and no event of it has arrived.
 */
@Entity
@Table(name = "programme_state")
public class ProgrammeState {

    public static final String COMPLETED = "COMPLETED";
    public static final String CANCELLED = "CANCELLED";

    @Id
    @Column(name = "programme_id")
    public UUID programmeId;

    @Column
    public String status;

    @Column
    public Long revision;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Whether the programme has ended (cancelled or completed): it takes no new agreements. */
    public boolean ended() {
        return CANCELLED.equals(status) || COMPLETED.equals(status);
    }
}
