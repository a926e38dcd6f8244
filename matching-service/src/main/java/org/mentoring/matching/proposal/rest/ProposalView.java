package org.mentoring.matching.proposal.rest;

import org.mentoring.matching.engine.MeetingFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.matching.proposal.model.Assessment;
import org.mentoring.matching.proposal.model.Flags;
import org.mentoring.matching.proposal.model.MatchProposal;
import org.mentoring.platform.http.ETags;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A proposed pair with its explanation. */
@Schema(name = "MatchProposal")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProposalView(
        @Schema(required = true) UUID id,
        @Schema(required = true, description = ETags.FIELD_DESCRIPTION, example = ETags.FIELD_EXAMPLE) String etag,
        @Schema(required = true) UUID programmeId,
        @Schema(description = "The run that proposed it; absent for a pair an admin made") UUID runId,
        @Schema(required = true) MatchProposal.Status status,
        @Schema(required = true) Party mentee,
        @Schema(required = true) Party mentor,
        double score,
        Assessment explanation,
        List<String> agendaTopics,
        @Schema(implementation = MeetingFormat.class) String preferredFormat,
        boolean manual,
        String overrideReason,
        String decisionReason,
        @Schema(description = "Hard rules the pair breaks since one of them changed in the directory (a new manager chain, "
                + "another institute); absent when none. A flagged pair cannot be confirmed by the people's answers until an "
                + "admin approves it again with a reason (POST /api/v1/proposals/{id}/review) or rejects it")
        List<Flags.Flag> flags,
        @Schema(description = "For a confirmed pair: its agreement's state as agreements-service last reported it (DRAFT, "
                + "PROPOSED, ACTIVE, COMPLETED or TERMINATED); a pair whose agreement was TERMINATED is free for re-matching",
                implementation = org.mentoring.matching.proposal.model.AgreementStatus.class)
        String agreementStatus,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true) Instant updatedAt) {

    @Schema(name = "MatchParty")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Party(@Schema(required = true) UUID applicationId, @Schema(required = true) String applicantId,
                        @Schema(description = "Absent until given") MatchProposal.Answer answer) {
    }

    public static ProposalView of(MatchProposal p) {
        return new ProposalView(p.id, ETags.of(p.version), p.programmeId, p.runId, p.status,
                new Party(p.menteeApplicationId, p.menteeApplicantId, p.menteeAnswer),
                new Party(p.mentorApplicationId, p.mentorApplicantId, p.mentorAnswer),
                p.score, p.assessment, p.agendaTopics, p.preferredFormat, p.manual, p.overrideReason, p.decisionReason,
                p.flagged() ? p.flags.items() : null, p.agreementStatus, p.createdAt, p.updatedAt);
    }
}
