package org.mentoring.applicants.programme.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
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

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    /** One entry of the topic catalogue. */
    public record Topic(String code, String label, String description) {
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
