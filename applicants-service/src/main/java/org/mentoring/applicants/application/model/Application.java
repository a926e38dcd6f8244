package org.mentoring.applicants.application.model;

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

/** A person's application to a programme, as mentor or mentee. */
@Entity
@Table(name = "application")
public class Application {

    @Id
    public UUID id;

    @Column(name = "programme_id", nullable = false)
    public UUID programmeId;

    /** The applicant's subject (JWT {@code sub}): the owner. */
    @Column(name = "applicant_id", nullable = false)
    public String applicantId;

    @Column(name = "display_name")
    public String displayName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ApplicantRole role;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ApplicationStatus status;

    @Column(nullable = false)
    public String institute;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> languages;

    /** Topic codes: a mentee's ranked agenda (first = most wanted), a mentor's offer. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> topics;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "meeting_formats", nullable = false, columnDefinition = "text[]")
    public List<String> meetingFormats;

    @Column(columnDefinition = "text")
    public String motivation;

    /** Null after consent was withdrawn or the person was erased. */
    @Column(name = "privacy_policy_version")
    public String privacyPolicyVersion;

    @Column(name = "consented_at")
    public Instant consentedAt;

    public String department;

    /** The person in the HRIS directory this application was filled from, when there is one. */
    @Column(name = "directory_person_id")
    public UUID directoryPersonId;

    /** Directory ids from the direct manager upwards, so that matching can keep reporting lines apart. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "manager_chain", columnDefinition = "uuid[]")
    public List<UUID> managerChain;

    public String city;
    public String region;
    public String country;
    public Double latitude;
    public Double longitude;

    /** The coordinates were looked up from the city in the bundled gazetteer, not given by the person or the directory. */
    @Column(nullable = false)
    public boolean geocoded;

    @Column(name = "availability_hours_per_month")
    public Integer availabilityHoursPerMonth;

    /** What the person declared on the form. */
    @Column(name = "years_of_experience")
    public Integer yearsOfExperience;

    /** Years of experience derived from the HRIS when the application was filled; null: the declared value applies. */
    @Column(name = "hris_years_of_experience")
    public Integer hrisYearsOfExperience;

    /** Where the years of experience matching uses come from. */
    @Enumerated(EnumType.STRING)
    @Column(name = "seniority_source", nullable = false)
    public SenioritySource senioritySource = SenioritySource.DECLARED;

    /** A mentor's own limit on mentees, at most the programme's {@code mentorCapacity}; null: the programme's limit. */
    @Column(name = "mentor_capacity")
    public Integer mentorCapacity;

    /** When the person can meet in a week; null: any time. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Availability availability;

    /** Background attributes the person consented to have used in matching; null without that consent. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Diversity diversity;

    /** Why it was rejected or withdrawn. */
    @Column(name = "decision_reason")
    public String decisionReason;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "erased_at")
    public Instant erasedAt;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    /** Stored as a JSON object (Hibernate Reactive decodes JSON columns as objects). */
    public record Diversity(java.util.Map<String, String> attributes) {
    }

    /**
     * The weekdays ({@code MONDAY} .. {@code SUNDAY}) and the hours ({@code HH:mm}, {@code from} before {@code to}) a
     * person can meet, in the IANA time zone {@code timeZone}.
     */
    public record Availability(List<String> weekdays, String from, String to, String timeZone) {
    }

    /** Where an application's years of experience come from. */
    public enum SenioritySource {
        /** Years since the hire date the HRIS gave. */
        HRIS_HIRE_DATE,
        /** Estimated from the birth year the HRIS gave: age minus 22, at least 0. */
        HRIS_BIRTH_YEAR,
        /** What the person declared on the form. */
        DECLARED
    }

    /** The years of experience matching uses: the HRIS's when known, else the declared value. */
    public Integer effectiveYearsOfExperience() {
        return hrisYearsOfExperience != null ? hrisYearsOfExperience : yearsOfExperience;
    }

    public boolean isLive() {
        return status == ApplicationStatus.SUBMITTED || status == ApplicationStatus.IN_REVIEW
                || status == ApplicationStatus.ACCEPTED || status == ApplicationStatus.MATCHED;
    }

    /** The owner may still edit it (until an admin accepts it). */
    public boolean isEditable() {
        return status == ApplicationStatus.SUBMITTED || status == ApplicationStatus.IN_REVIEW;
    }
}
