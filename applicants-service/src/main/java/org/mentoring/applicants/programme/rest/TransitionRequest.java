package org.mentoring.applicants.programme.rest;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.applicants.programme.model.ProgrammeStatus;

@Schema(name = "ProgrammeTransition", description = "Move a programme to its next status")
public record TransitionRequest(@NotNull @Schema(examples = "OPEN") ProgrammeStatus to) {
}
