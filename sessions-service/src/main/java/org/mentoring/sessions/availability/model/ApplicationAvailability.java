package org.mentoring.sessions.availability.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * sessions-service's projection of an application's stated weekly availability, kept from applicants-service's
 * application events: the latest snapshot by revision. Without weekdays the person can meet any time.
 */
@Entity
@Table(name = "application_availability")
public class ApplicationAvailability {

    @Id
    @Column(name = "application_id")
    public UUID applicationId;

    @Column(name = "programme_id", nullable = false)
    public UUID programmeId;

    @Column(name = "applicant_id", nullable = false)
    public String applicantId;

    @Column(name = "display_name")
    public String displayName;

    /** {@code MONDAY} .. {@code SUNDAY}; null: any time (and then the other availability fields are null too). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> weekdays;

    /** {@code HH:mm}, in {@link #timeZone}. */
    @Column(name = "from_time")
    public String fromTime;

    /** {@code HH:mm}, after {@link #fromTime}. */
    @Column(name = "to_time")
    public String toTime;

    /** IANA zone, such as {@code Europe/Berlin}. */
    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "source_revision")
    public Long sourceRevision;

    public boolean anyTime() {
        return weekdays == null;
    }
}
