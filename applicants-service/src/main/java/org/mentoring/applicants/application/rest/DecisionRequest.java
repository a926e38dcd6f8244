package org.mentoring.applicants.application.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.applicants.application.service.ReviewDecision;

@Schema(name = "DecisionRequest", description = "Accept an application (the person enters the matching pool) or reject it")
public record DecisionRequest(
        @NotNull Decision decision,
        @Size(max = 2000) @Schema(description = "Required to reject; shown to the applicant") String reason) {

    public enum Decision { ACCEPT, REJECT }

    /** The decision as the service takes it. */
    public ReviewDecision toDecision() {
        return new ReviewDecision(decision == null ? null : switch (decision) {
            case ACCEPT -> ReviewDecision.Verdict.ACCEPT;
            case REJECT -> ReviewDecision.Verdict.REJECT;
        }, reason);
    }
}
