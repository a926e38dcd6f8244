package org.mentoring.applicants.application.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.applicants.application.model.ApplicantRole;
import org.mentoring.applicants.application.model.MeetingFormat;
import org.mentoring.applicants.application.service.ApplicationForm;

import java.util.List;
import java.util.Map;

/**
 * An application form (mentor or mentee). Status, owner and timestamps are set by the server and
 * refused here. When the person is in the HRIS directory, institute, department, reporting line and
 * location are taken from there and the form's values for them are ignored.
 */
@Schema(name = "ApplicationRequest")
public record ApplicationRequest(
        @NotNull @Schema(description = "MENTOR for juniors, MENTEE for seniors") ApplicantRole role,
        @Size(max = 200) @Schema(description = "Required unless the directory knows the person", examples = "Institute of Physics")
        String institute,
        @Size(max = 200) @Schema(examples = "Quantum Optics") String department,
        @Valid Location location,
        @NotEmpty @Size(max = 10)
        @Schema(description = "ISO 639-1 codes", examples = "[\"de\", \"en\"]")
        List<@NotNull @Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 code such as en") String> languages,
        @NotEmpty @Size(max = 20)
        @Schema(description = "Topic codes from the programme's catalogue; a mentee ranks them, most wanted first")
        List<@NotBlank String> topics,
        @NotEmpty @Size(max = 2) List<@NotNull MeetingFormat> meetingFormats,
        @NotNull @Min(1) @Max(40) @Schema(description = "Hours per month available for mentoring", examples = "4")
        Integer availabilityHoursPerMonth,
        @NotNull @Min(0) @Max(60) @Schema(description = "Years of professional experience", examples = "3")
        Integer yearsOfExperience,
        @Size(max = 4000) String motivation,
        @Valid Diversity diversity,
        @NotNull @Valid Consent consent,
        @Schema(description = "Mentors only: how many mentees at most, from 1 to the programme's matching.mentorCapacity; "
                + "left out, the programme's limit applies. A mentee sending it, or a value out of range, is refused with 422.",
                examples = "2")
        Integer mentorCapacity,
        @Schema(description = "When the person can meet in a week; left out, any time. Refused with 422 unless it names at least "
                + "one weekday, none twice, from before to, and a known IANA time zone.")
        Availability availability) {

    /** The form as the service takes it, once validated here (so consent is given and only its version is kept). */
    public ApplicationForm toForm() {
        return new ApplicationForm(role, institute, department,
                location == null ? null : new ApplicationForm.FormLocation(location.city(), location.region(), location.country(),
                        location.latitude(), location.longitude()),
                languages, topics, meetingFormats, availabilityHoursPerMonth, yearsOfExperience, motivation,
                diversity == null ? null : new ApplicationForm.FormDiversity(diversity.consentToUse(), diversity.attributes()),
                consent == null ? null : consent.privacyPolicyVersion(),
                mentorCapacity,
                availability == null ? null : new ApplicationForm.FormAvailability(availability.weekdays(), availability.from(),
                        availability.to(), availability.timeZone()));
    }

    /** The weekly hours a person can meet, in their time zone. */
    @Schema(name = "WeeklyAvailability", examples = "{\"weekdays\": [\"TUESDAY\", \"THURSDAY\"], \"from\": \"16:00\", "
            + "\"to\": \"18:30\", \"timeZone\": \"Europe/Berlin\"}")
    public record Availability(
            @Schema(description = "MONDAY .. SUNDAY, at least one, none twice", examples = "[\"TUESDAY\", \"THURSDAY\"]")
            List<String> weekdays,
            @Schema(description = "First minute, HH:mm (24 hours)", examples = "16:00") String from,
            @Schema(description = "End, HH:mm, after from", examples = "18:30") String to,
            @Schema(description = "An IANA time zone", examples = "Europe/Berlin") String timeZone) {
    }

    @Schema(name = "Location")
    public record Location(
            @Size(max = 200) String city,
            @Size(max = 200) String region,
            @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as DE") String country,
            @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @DecimalMin("-180") @DecimalMax("180") Double longitude) {
    }

    @Schema(name = "Diversity", description = "Background attributes, used in matching only with consentToUse")
    public record Diversity(
            @NotNull Boolean consentToUse,
            @Size(max = 4) Map<@Pattern(regexp = "generation|gender|background|nationality",
                    message = "must be one of generation, gender, background, nationality") String,
                    @NotBlank @Size(max = 100) String> attributes) {
    }

    @Schema(name = "Consent")
    public record Consent(
            @NotBlank @Size(max = 50) @Schema(examples = "2026-10") String privacyPolicyVersion,
            @NotNull @AssertTrue(message = "must be true: an application needs consent to the privacy policy") Boolean accepted) {
    }
}
