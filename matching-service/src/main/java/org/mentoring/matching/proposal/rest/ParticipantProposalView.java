package org.mentoring.matching.proposal.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.matching.proposal.model.MatchProposal;
import org.mentoring.matching.proposal.service.ParticipantProposals;
import org.mentoring.platform.http.ETags;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A proposal as one of the pair sees it: what a person needs to decide whether to accept, and nothing the matching
 * process knows about the other person beyond that. Field by field:
 * <ul>
 *   <li>Shown: the proposal's id, programme, status and times; the caller's own role, application and answer; the
 *       partner's role, display name and answer (one cannot accept a stranger, and both answers decide the pair);
 *       the agenda topics, the topics and languages the two share (why they were paired, and what the agreement
 *       starts from) and the meeting format they will use (the pair meets either way).</li>
 *   <li>Not shown: the total score and its components (topic fit, proximity, availability and, above all, diversity,
 *       which rests on the other person's consented diversity attributes); the distance and whether they could meet
 *       in person (with one's own location they place the other person); the hard rules passed or broken (which
 *       tell about institutes and reporting lines) and an admin's override reason; the reviewer's decision reason;
 *       whether the pair was made by hand, and by which run; the partner's application id and account subject.</li>
 * </ul>
 * Admins read the full {@link ProposalView}.
 */
@Schema(name = "ParticipantMatchProposal", description = "A proposal as one of the pair sees it: their own part, the partner's "
        + "name, role and answer, and what the two share. Score, its components (diversity among them), distance, the "
        + "rules checked, an override reason and the reviewer's reason are for admins only.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParticipantProposalView(
        @Schema(required = true) UUID id,
        @Schema(required = true, description = ETags.FIELD_DESCRIPTION, example = ETags.FIELD_EXAMPLE) String etag,
        @Schema(required = true) UUID programmeId,
        @Schema(required = true, description = "APPROVED (waiting for answers), CONFIRMED or DECLINED") MatchProposal.Status status,
        @Schema(required = true, enumeration = {"MENTEE", "MENTOR"}, description = "The caller's role in this pair") String yourRole,
        @Schema(required = true, description = "The caller's own application") UUID yourApplicationId,
        @Schema(description = "The caller's answer; absent until given") MatchProposal.Answer yourAnswer,
        @Schema(required = true) Partner partner,
        @Schema(required = true, description = "The mentee's ranked topics that the mentor offers") List<String> agendaTopics,
        @Schema(required = true) List<String> sharedTopics,
        @Schema(required = true) List<String> sharedLanguages,
        @Schema(enumeration = {"IN_PERSON", "ONLINE"}) String preferredFormat,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true) Instant updatedAt) {

    @Schema(name = "MatchPartner", description = "The other person of the pair")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Partner(
            @Schema(required = true, enumeration = {"MENTEE", "MENTOR"}) String role,
            @Schema(description = "Absent when the pool no longer holds the person's name (for example after an erasure)")
            String displayName,
            @Schema(description = "The partner's answer; absent until given") MatchProposal.Answer answer) {
    }

    public static ParticipantProposalView of(ParticipantProposals.Seen seen) {
        MatchProposal p = seen.proposal();
        boolean mentee = seen.callerIsMentee();
        List<String> sharedTopics = p.assessment == null || p.assessment.sharedTopics() == null ? List.of() : p.assessment.sharedTopics();
        List<String> sharedLanguages = p.assessment == null || p.assessment.sharedLanguages() == null
                ? List.of() : p.assessment.sharedLanguages();
        return new ParticipantProposalView(p.id, ETags.of(p.version), p.programmeId, p.status,
                mentee ? "MENTEE" : "MENTOR",
                mentee ? p.menteeApplicationId : p.mentorApplicationId,
                mentee ? p.menteeAnswer : p.mentorAnswer,
                new Partner(mentee ? "MENTOR" : "MENTEE", seen.partnerName(), mentee ? p.mentorAnswer : p.menteeAnswer),
                p.agendaTopics, sharedTopics, sharedLanguages, p.preferredFormat, p.createdAt, p.updatedAt);
    }
}
