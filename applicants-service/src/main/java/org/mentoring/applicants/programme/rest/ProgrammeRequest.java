package org.mentoring.applicants.programme.rest;

import jakarta.validation.Valid;
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
import org.mentoring.applicants.programme.model.Programme;
import org.mentoring.applicants.programme.service.ProgrammeDefinition;

import java.time.Instant;
import java.util.List;

/**
 * What an admin sends to create or replace a programme. Status, ids and timestamps are the server's;
 * omitted settings take the defaults (six-month agreements, meetings every 14 days, default matching).
 */
@Schema(name = "ProgrammeRequest", description = "A programme (cohort) as an admin defines it")
public record ProgrammeRequest(
        @NotBlank @Size(min = 3, max = 200)
        @Schema(examples = "Reverse Mentoring 2027") String name,
        @Size(max = 4000)
        @Schema(examples = "Juniors mentor leaders on digital work and new ways of working.") String description,
        @Schema(description = "Start of the application window (inclusive); open-ended when absent", examples = "2027-01-10T00:00:00Z")
        Instant applicationOpensAt,
        @Schema(description = "End of the application window (exclusive); open-ended when absent", examples = "2027-02-10T00:00:00Z")
        Instant applicationClosesAt,
        @NotEmpty @Size(max = 100)
        List<@NotNull @Valid TopicRequest> topics,
        @Min(1) @Max(24) @Schema(description = "Default agreement length in months", defaultValue = "6") Integer defaultAgreementMonths,
        @Min(1) @Max(92) @Schema(description = "Default days between meetings", defaultValue = "14") Integer meetingCadenceDays,
        @Valid MatchingRequest matching) {

    /** The programme as the service takes it, once validated here; settings left out stay null for the defaults. */
    public ProgrammeDefinition toDefinition() {
        WeightsRequest w = matching == null ? null : matching.weights();
        return new ProgrammeDefinition(name, description, applicationOpensAt, applicationClosesAt,
                topics.stream().map(t -> new Programme.Topic(t.code(), t.label(), t.description())).toList(),
                defaultAgreementMonths, meetingCadenceDays,
                matching == null ? null : new ProgrammeDefinition.MatchingChoices(
                        w == null ? null : new Programme.Weights(w.topicFit(), w.proximity(), w.availability(), w.diversity()),
                        matching.hierarchyExclusionLevels(), matching.maxInPersonDistanceKm(), matching.mentorCapacity(),
                        matching.minSeniorityGapYears()));
    }

    /** One entry of the topic catalogue. */
    @Schema(name = "Topic")
    public record TopicRequest(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be lower-case letters, digits and dashes")
            @Schema(examples = "social-media") String code,
            @NotBlank @Size(max = 200) @Schema(examples = "Social media") String label,
            @Size(max = 2000) String description) {
    }

    @Schema(name = "MatchingSettings", description = "Hard rules and weights of matching; omitted fields take the defaults")
    public record MatchingRequest(
            @Valid WeightsRequest weights,
            @Min(0) @Max(10) @Schema(description = "Levels of reporting line within which people are never paired", defaultValue = "2")
            Integer hierarchyExclusionLevels,
            @Min(1) @Max(20000) @Schema(description = "Maximum distance for pairs who meet in person", defaultValue = "50")
            Integer maxInPersonDistanceKm,
            @Min(1) @Max(10) @Schema(description = "Mentees per mentor", defaultValue = "1") Integer mentorCapacity,
            @Min(0) @Max(40) @Schema(description = "Years of experience the mentee has more than the mentor, at least", defaultValue = "5")
            Integer minSeniorityGapYears) {
    }

    @Schema(name = "MatchingWeights", description = "Relative weights, each 0..1, not all zero")
    public record WeightsRequest(
            @NotNull @DecimalMin("0") @DecimalMax("1") Double topicFit,
            @NotNull @DecimalMin("0") @DecimalMax("1") Double proximity,
            @NotNull @DecimalMin("0") @DecimalMax("1") Double availability,
            @NotNull @DecimalMin("0") @DecimalMax("1") Double diversity) {
    }
}
