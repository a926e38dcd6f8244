package org.mentoring.applicants.directory.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A person of the HRIS directory, provisioned over SCIM 2.0 or bulk import. Carries what matching
 * needs: institute ({@code organization}), department, reporting line ({@code managerId}), location
 * and languages. A deactivated person stays ({@code active = false}) for history.
 */
@Entity
@Table(name = "directory_person")
public class DirectoryPerson {

    @Id
    public UUID id;

    /** Unique regardless of case (SCIM userName is not case-exact). */
    @Column(name = "user_name", nullable = false)
    public String userName;

    /** The HRIS's own id; unique when present. */
    @Column(name = "external_id")
    public String externalId;

    @Column(name = "given_name")
    public String givenName;

    @Column(name = "family_name")
    public String familyName;

    @Column(name = "formatted_name")
    public String formattedName;

    @Column(name = "display_name")
    public String displayName;

    public String title;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "emails", nullable = false, columnDefinition = "jsonb")
    public EmailList emails;

    @Column(name = "employee_number")
    public String employeeNumber;

    /** The institute. */
    public String organization;

    public String department;

    /** The direct manager's person id. */
    @Column(name = "manager_id")
    public UUID managerId;

    public String city;

    public String region;

    /** ISO 3166-1 alpha-2, upper case. */
    public String country;

    public Double latitude;

    public Double longitude;

    /** ISO 639-1 codes, lower case. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> languages;

    /** Seniority from the HRIS: the date the person was hired. */
    @Column(name = "hire_date")
    public java.time.LocalDate hireDate;

    /** Seniority from the HRIS: the year the person was born. */
    @Column(name = "birth_year")
    public Integer birthYear;

    /** The person's pay grade as the HRIS names it, e.g. E13; free text. */
    public String grade;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public List<Email> emailList() {
        return emails == null ? List.of() : emails.emails();
    }

    /** The name to show: displayName, else the formatted name, else given and family name, else userName. */
    public String effectiveDisplayName() {
        if (displayName != null) {
            return displayName;
        }
        if (formattedName != null) {
            return formattedName;
        }
        String joined = ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).strip();
        return joined.isEmpty() ? userName : joined;
    }
}
