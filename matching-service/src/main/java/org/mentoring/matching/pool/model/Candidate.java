package org.mentoring.matching.pool.model;

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
 * A person in a programme's matching pool: matching-service's own projection of an application,
 * kept from applicants-service's events (it never reads applicants' tables).
 */
@Entity
@Table(name = "pool_candidate")
public class Candidate {

    /** The application this candidate comes from. */
    @Id
    @Column(name = "application_id")
    public UUID applicationId;

    @Column(name = "programme_id", nullable = false)
    public UUID programmeId;

    @Column(name = "applicant_id", nullable = false)
    public String applicantId;

    @Column(name = "display_name")
    public String displayName;

    @Column(nullable = false)
    public String role;

    /** Where the application stands, as last reported by applicants-service. */
    @Column(name = "application_status", nullable = false)
    public String applicationStatus;

    @Column(nullable = false)
    public String institute;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> languages;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> topics;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "meeting_formats", nullable = false, columnDefinition = "text[]")
    public List<String> meetingFormats;

    public String department;

    @Column(name = "directory_person_id")
    public UUID directoryPersonId;

    /** Directory ids from the direct manager upwards. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "manager_chain", columnDefinition = "uuid[]")
    public List<UUID> managerChain;

    public String city;
    public String region;
    public String country;
    public Double latitude;
    public Double longitude;

    @Column(name = "availability_hours_per_month")
    public Integer availabilityHoursPerMonth;

    @Column(name = "years_of_experience")
    public Integer yearsOfExperience;

    /** Only attributes the person consented to use in matching. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Diversity diversity;

    /** A mentor's own limit on mentees; null: the programme's limit (always null for a mentee). */
    @Column(name = "mentor_capacity")
    public Integer mentorCapacity;

    /** When the person can meet in a week; null: any time. Only valid windows are stored. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "weekly_availability", columnDefinition = "jsonb")
    public WeeklyAvailability weeklyAvailability;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    @Column(name = "entered_at", nullable = false)
    public Instant enteredAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The revision of the application snapshot applied last; null when it came from an event that had none. */
    @Column(name = "source_revision")
    public Long sourceRevision;

    /** When applicants-service made the change that snapshot reports (its {@code changedAt}). */
    @Column(name = "source_changed_at")
    public Instant sourceChangedAt;

    /** Stored as a JSON object (Hibernate Reactive decodes JSON columns as objects). */
    public record Diversity(java.util.Map<String, String> attributes) {
    }

    /** Weekdays {@code MONDAY} .. {@code SUNDAY}, {@code HH:mm} times in the IANA zone {@code timeZone}. */
    public record WeeklyAvailability(List<String> weekdays, String from, String to, String timeZone) {
    }
}
