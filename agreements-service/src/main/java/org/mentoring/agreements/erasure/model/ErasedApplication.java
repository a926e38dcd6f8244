package org.mentoring.agreements.erasure.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An application whose person was erased, with the pseudonym that replaced them here. Erasures and confirmed matches
 * travel on different topics, so a match confirmed before the erasure may arrive after it: its draft then names the
 * pseudonym, as if the erasure had come second. Only the application id is kept, nothing about the person.
 */
@Entity
@Table(name = "erased_application")
public class ErasedApplication {

    @Id
    @Column(name = "application_id")
    public UUID applicationId;

    @Column(nullable = false)
    public String pseudonym;

    @Column(name = "erased_at", nullable = false)
    public Instant erasedAt;
}
