package org.mentoring.matching.pool.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An application whose person was erased: later events about it are ignored. */
@Entity
@Table(name = "erased_application")
public class ErasedApplication {

    @Id
    @Column(name = "application_id")
    public UUID applicationId;

    @Column(name = "erased_at", nullable = false)
    public Instant erasedAt;
}
