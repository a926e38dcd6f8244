package org.mentoring.applicants.application.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.applicants.application.service.InterviewPlan;

import java.time.Instant;

@Schema(name = "InterviewRequest", description = "A short interview before deciding on an application")
public record InterviewRequest(
        @NotNull @Schema(examples = "2027-01-20T10:00:00Z") Instant scheduledAt,
        @NotNull @Min(10) @Max(120) @Schema(examples = "20") Integer durationMinutes,
        @Size(max = 2000) @Pattern(regexp = "https://\\S+", message = "must be an https:// link")
        @Schema(examples = "https://meet.example.org/abc-defg") String videoLink,
        @Size(max = 4000) @Schema(description = "Visible to admins only") String adminNotes) {

    /** The interview as the service takes it. */
    public InterviewPlan toPlan() {
        return new InterviewPlan(scheduledAt, durationMinutes, videoLink, adminNotes);
    }
}
