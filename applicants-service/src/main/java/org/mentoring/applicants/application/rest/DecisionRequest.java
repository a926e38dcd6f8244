package org.mentoring.applicants.application.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DecisionRequest", description = "Accept an application (the person enters the matching pool) or reject it")
public record DecisionRequest(
        @NotNull Decision decision,
        @Size(max = 2000) @Schema(description = "Required to reject; shown to the applicant") String reason) {

    public enum Decision { ACCEPT, REJECT }
}
