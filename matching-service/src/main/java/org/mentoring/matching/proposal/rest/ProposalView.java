package org.mentoring.matching.proposal.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.matching.proposal.model.Assessment;
import org.mentoring.matching.proposal.model.MatchProposal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A proposed pair with its explanation. */
@Schema(name = "MatchProposal")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProposalView(
        UUID id,
        UUID programmeId,
        UUID runId,
        MatchProposal.Status status,
        Party mentee,
        Party mentor,
        double score,
        Assessment explanation,
        List<String> agendaTopics,
        String preferredFormat,
        boolean manual,
        String overrideReason,
        String decisionReason,
        Instant createdAt,
        Instant updatedAt) {

    @Schema(name = "MatchParty")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Party(UUID applicationId, String applicantId, MatchProposal.Answer answer) {
    }

    public static ProposalView of(MatchProposal p) {
        return new ProposalView(p.id, p.programmeId, p.runId, p.status,
                new Party(p.menteeApplicationId, p.menteeApplicantId, p.menteeAnswer),
                new Party(p.mentorApplicationId, p.mentorApplicantId, p.mentorAnswer),
                p.score, p.assessment, p.agendaTopics, p.preferredFormat, p.manual, p.overrideReason, p.decisionReason,
                p.createdAt, p.updatedAt);
    }
}
