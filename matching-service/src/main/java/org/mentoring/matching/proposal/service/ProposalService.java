package org.mentoring.matching.proposal.service;

import org.mentoring.platform.security.Viewer;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.problem.Problem;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.matching.pool.model.Candidate;
import org.mentoring.matching.pool.service.CandidateRepository;
import org.mentoring.matching.pool.service.PoolService;
import org.mentoring.matching.programme.service.ProgrammeProjectionRepository;
import org.mentoring.matching.proposal.model.Assessment;
import org.mentoring.matching.proposal.model.MatchProposal;
import org.mentoring.matching.run.service.PairChecks;
import org.mentoring.platform.http.ETags;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.security.ProgrammeTeams;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The proposal workflow: admins approve, reject or pair by hand; each person answers for themselves. */
@ApplicationScoped
public class ProposalService {

    private final MatchProposalRepository proposals;
    private final ExcludedPairRepository exclusions;
    private final CandidateRepository candidates;
    private final ProgrammeProjectionRepository programmes;
    private final PairChecks checks;
    private final MatchEvents events;
    private final ProgrammeTeams teams;

    public ProposalService(MatchProposalRepository proposals, ExcludedPairRepository exclusions, CandidateRepository candidates,
                           ProgrammeProjectionRepository programmes, PairChecks checks, MatchEvents events, ProgrammeTeams teams) {
        this.teams = teams;
        this.proposals = proposals;
        this.exclusions = exclusions;
        this.candidates = candidates;
        this.programmes = programmes;
        this.checks = checks;
        this.events = events;
    }

    @WithSession
    public Uni<List<MatchProposal>> page(UUID programmeId, MatchProposal.Status status, Viewer viewer, Cursor after, int limit) {
        if (!viewer.admin()) {
            return proposals.page(programmeId, null, status, viewer.subject(), after, limit + 1);
        }
        if (programmeId != null) {
            return teams.requireAdmin(programmeId).chain(() -> proposals.page(programmeId, null, status, null, after, limit + 1));
        }
        return teams.administered().chain(mine -> mine.isEmpty() ? Uni.createFrom().item(List.<MatchProposal>of())
                : proposals.page(null, mine, status, null, after, limit + 1));
    }

    @WithSession
    public Uni<MatchProposal> get(UUID id, Viewer viewer) {
        return visible(id, viewer);
    }

    /**
     * PROPOSED -> APPROVED (the pair now sees it) or REJECTED (and never proposed again). A flagged proposal (it breaks
     * a hard rule since a directory change) is reviewed again even when APPROVED: approving it needs a reason, kept as
     * its override reason, and clears the flags; rejecting an approved one tells the pair it is withdrawn.
     */
    @WithTransaction
    public Uni<MatchProposal> review(UUID id, boolean approve, String reason, String adminId, String ifMatch) {
        return visible(id, new Viewer(adminId, true)).chain(p -> {
            ETags.requireMatch(ifMatch, p.version);
            boolean flagged = p.flagged();
            if (p.status != MatchProposal.Status.PROPOSED && !(flagged && p.status == MatchProposal.Status.APPROVED)) {
                throw new ProblemException(ProblemType.INVALID_STATE, "Only a PROPOSED pair, or an APPROVED one flagged after a directory change, can "
                        + "be reviewed; this one is " + p.status + ".");
            }
            if (!approve && (reason == null || reason.isBlank())) {
                throw ProblemException.invalidField("reason", "is required to reject a proposal");
            }
            List<String> rules = flagged ? p.flags.items().stream().map(f -> f.rule()).toList() : List.of();
            if (approve && flagged && (reason == null || reason.isBlank())) {
                throw new ProblemException(ProblemType.HARD_RULE_BROKEN, "Since a directory change this pair breaks " + rules + ": give a reason to approve it anyway, or reject it.",
                        rules.stream().map(rule -> new Problem.FieldError("reason", "is required because the pair breaks " + rule))
                                .toList());
            }
            boolean wasApproved = p.status == MatchProposal.Status.APPROVED;
            p.status = approve ? MatchProposal.Status.APPROVED : MatchProposal.Status.REJECTED;
            p.decisionReason = reason;
            p.updatedAt = Instant.now();
            if (approve && flagged) {
                p.overrideReason = reason;
                p.flags = null;
            }
            Uni<?> effect;
            if (approve) {
                effect = wasApproved ? Uni.createFrom().voidItem() : events.publish(EventTypes.MATCH_PROPOSED, p);
            } else {
                Uni<?> excluded = exclusions.exclude(p.programmeId, p.menteeApplicationId, p.mentorApplicationId, "ADMIN", reason);
                // the pair had seen it: they learn it is gone, with the rules as the reason (the admin's words stay here)
                effect = wasApproved ? excluded.chain(x -> events.publish(EventTypes.MATCH_WITHDRAWN, p, String.join(",", rules)))
                        : excluded;
            }
            return effect.replaceWith(p);
        });
    }

    /**
     * An admin pairs two people by hand. The pair is checked against the hard rules; breaking one needs a
     * written reason, which is stored. The pair is approved at once: both people see it and answer.
     */
    @WithTransaction
    public Uni<MatchProposal> pairByHand(UUID programmeId, UUID menteeApplicationId, UUID mentorApplicationId, String overrideReason,
                                         String adminId) {
        return teams.requireAdmin(programmeId).chain(() -> programmes.findById(programmeId)).chain(programme -> {
            if (programme == null) {
                throw ProblemException.notFound("Programme", programmeId);
            }
            return candidates.findById(menteeApplicationId).chain(mentee -> candidates.findById(mentorApplicationId).chain(mentor -> {
                requireInPool(mentee, menteeApplicationId, programmeId, "MENTEE", "menteeApplicationId");
                requireInPool(mentor, mentorApplicationId, programmeId, "MENTOR", "mentorApplicationId");
                return proposals.isTaken(programmeId, menteeApplicationId).chain(taken -> {
                    if (taken) {
                        throw new ProblemException(ProblemType.ALREADY_EXISTS, "The mentee already has an open or confirmed pair in this programme.");
                    }
                    return checks.assess(programme, mentee, mentor);
                }).chain(assessment -> {
                    if (!assessment.rulesBroken().isEmpty() && (overrideReason == null || overrideReason.isBlank())) {
                        throw new ProblemException(ProblemType.HARD_RULE_BROKEN, "This pair breaks " + assessment.rulesBroken() + ": give an overrideReason to pair them anyway.",
                                assessment.rulesBroken().stream().map(rule -> new Problem.FieldError("overrideReason",
                                        "is required because the pair breaks " + rule)).toList());
                    }
                    Instant now = Instant.now();
                    MatchProposal p = new MatchProposal();
                    p.id = UUID.randomUUID();
                    p.programmeId = programmeId;
                    p.menteeApplicationId = mentee.applicationId;
                    p.mentorApplicationId = mentor.applicationId;
                    p.menteeApplicantId = mentee.applicantId;
                    p.mentorApplicantId = mentor.applicantId;
                    p.status = MatchProposal.Status.APPROVED;
                    p.score = assessment.total();
                    p.assessment = assessment.assessment();
                    p.agendaTopics = PairChecks.agenda(mentee, assessment.assessment().sharedTopics());
                    p.preferredFormat = PairChecks.preferredFormat(assessment.assessment(), mentee, mentor);
                    p.manual = true;
                    p.overrideReason = assessment.rulesBroken().isEmpty() ? null : overrideReason;
                    p.createdBy = adminId;
                    p.createdAt = now;
                    p.updatedAt = now;
                    return proposals.persist(p).call(saved -> events.publish(EventTypes.MATCH_PROPOSED, saved));
                });
            }));
        });
    }

    /** One of the pair answers for themselves; both accepting confirms the match, a decline ends it. */
    @WithTransaction
    public Uni<MatchProposal> answer(UUID id, String subject, boolean accept) {
        return visible(id, new Viewer(subject, false)).chain(p -> {
            if (p.status != MatchProposal.Status.APPROVED) {
                throw new ProblemException(ProblemType.INVALID_STATE, "This proposal is " + p.status + ": it takes no more answers.");
            }
            if (accept && p.flagged()) {
                throw new ProblemException(ProblemType.PROPOSAL_UNDER_REVIEW, "This pair is being reviewed again by the programme's admins after a change in the organisation: it "
                                + "cannot be accepted until they approve it again. You can still decline it.");
            }
            boolean isMentee = p.menteeApplicantId.equals(subject);
            MatchProposal.Answer already = isMentee ? p.menteeAnswer : p.mentorAnswer;
            if (already != null) {
                throw new ProblemException(ProblemType.ALREADY_DONE, "You already answered " + already + ".");
            }
            MatchProposal.Answer answer = accept ? MatchProposal.Answer.ACCEPTED : MatchProposal.Answer.DECLINED;
            if (isMentee) {
                p.menteeAnswer = answer;
            } else {
                p.mentorAnswer = answer;
            }
            p.updatedAt = Instant.now();
            if (!accept) {
                p.status = MatchProposal.Status.DECLINED;
                p.decisionReason = (isMentee ? "The mentee" : "The mentor") + " declined";
                return exclusions.exclude(p.programmeId, p.menteeApplicationId, p.mentorApplicationId, "DECLINED", p.decisionReason)
                        .chain(x -> events.publish(EventTypes.MATCH_DECLINED, p)).replaceWith(p);
            }
            if (p.menteeAnswer == MatchProposal.Answer.ACCEPTED && p.mentorAnswer == MatchProposal.Answer.ACCEPTED) {
                p.status = MatchProposal.Status.CONFIRMED;
                return events.publish(EventTypes.MATCH_CONFIRMED, p).replaceWith(p);
            }
            return Uni.createFrom().item(p);
        });
    }

    /** An admin keeps two people apart in all later runs. */
    @WithTransaction
    public Uni<Void> exclude(UUID programmeId, UUID menteeApplicationId, UUID mentorApplicationId, String reason) {
        return programmes.findById(programmeId).chain(programme -> {
            if (programme == null) {
                throw ProblemException.notFound("Programme", programmeId);
            }
            return exclusions.exclude(programmeId, menteeApplicationId, mentorApplicationId, "ADMIN", reason).replaceWithVoid();
        });
    }

    private Uni<MatchProposal> visible(UUID id, Viewer viewer) {
        return proposals.findById(id).call(p -> {
            if (p == null || (!viewer.admin() && (!p.concerns(viewer.subject())
                    || !MatchProposalRepository.VISIBLE_TO_PARTICIPANTS.contains(p.status)))) {
                throw ProblemException.notFound("Proposal", id);
            }
            return viewer.admin() ? teams.requireAdmin(p.programmeId, () -> ProblemException.notFound("Proposal", id))
                    : Uni.createFrom().voidItem();
        });
    }

    private static void requireInPool(Candidate c, UUID applicationId, UUID programmeId, String role, String field) {
        if (c == null || !c.programmeId.equals(programmeId) || !PoolService.IN_POOL.contains(c.applicationStatus)) {
            throw ProblemException.invalidField(field, "is " + applicationId + ", which is not an accepted application in this programme's pool");
        }
        if (!role.equals(c.role)) {
            throw ProblemException.invalidField(field, "is the application of a " + c.role + ", not of a " + role);
        }
    }

}
