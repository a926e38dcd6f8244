package org.mentoring.applicants.programme.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** What an admin sends to create a programme. Status, ids and timestamps are the server's. */
@Schema(name = "ProgrammeRequest", description = "A new programme (cohort)")
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
        List<@NotNull @Valid TopicRequest> topics) {

    /** One entry of the topic catalogue. */
    @Schema(name = "Topic")
    public record TopicRequest(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be lower-case letters, digits and dashes")
            @Schema(examples = "social-media") String code,
            @NotBlank @Size(max = 200) @Schema(examples = "Social media") String label,
            @Size(max = 2000) String description) {
    }
}
