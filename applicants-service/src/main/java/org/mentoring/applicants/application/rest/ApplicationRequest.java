package org.mentoring.applicants.application.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.applicants.application.model.ApplicantRole;
import org.mentoring.applicants.application.model.MeetingFormat;

import java.util.List;

/** An application form. Status, owner and timestamps are set by the server and refused here. */
@Schema(name = "ApplicationRequest")
public record ApplicationRequest(
        @NotNull @Schema(description = "MENTOR for juniors, MENTEE for seniors") ApplicantRole role,
        @NotBlank @Size(max = 200) @Schema(examples = "Institute of Physics") String institute,
        @NotEmpty @Size(max = 10)
        @Schema(description = "ISO 639-1 codes", examples = "[\"de\", \"en\"]")
        List<@NotNull @Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 code such as en") String> languages,
        @NotNull @Size(max = 20)
        @Schema(description = "Topic codes from the programme's catalogue; a mentee ranks them, most wanted first")
        List<@NotBlank String> topics,
        @NotEmpty @Size(max = 2) List<@NotNull MeetingFormat> meetingFormats,
        @Size(max = 4000) String motivation,
        @NotNull @Valid Consent consent) {

    @Schema(name = "Consent")
    public record Consent(
            @NotBlank @Size(max = 50) @Schema(examples = "2026-10") String privacyPolicyVersion,
            @NotNull @AssertTrue(message = "must be true: an application needs consent to the privacy policy") Boolean accepted) {
    }
}
