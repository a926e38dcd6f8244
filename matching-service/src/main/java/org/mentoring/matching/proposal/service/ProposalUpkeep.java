package org.mentoring.matching.proposal.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Revisions;
import org.mentoring.contracts.events.agreements.AgreementV1;
import org.mentoring.matching.pool.model.Candidate;
import org.mentoring.matching.pool.service.CandidateRepository;
import org.mentoring.matching.programme.model.ProgrammeProjection;
import org.mentoring.matching.programme.service.ProgrammeProjectionRepository;
import org.mentoring.matching.proposal.model.Flags;
import org.mentoring.matching.proposal.model.MatchProposal;
import org.mentoring.matching.run.service.PairChecks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Keeps the open proposals (PROPOSED or APPROVED, not yet confirmed) true to the pool they were made from, inside the
 * transaction of the pool event that changed it: a person who leaves the pool takes their open proposals with them
 * (WITHDRAWN, {@code mentoring.match.withdrawn.v1}), which frees their partner for later runs; a directory change
 * that makes an open pair break a hard rule flags it for an admin ({@code mentoring.match.flagged.v1}).
 */
@ApplicationScoped
public class ProposalUpkeep {

    /** Proposals a change in the pool can still take back: nobody has confirmed them. */
    public static final List<MatchProposal.Status> UNCONFIRMED = List.of(MatchProposal.Status.PROPOSED, MatchProposal.Status.APPROVED);

    /** The reason a person left the pool, when applicants-service gives one as a code. */
    private static final Pattern REASON_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private static final Logger LOG = Logger.getLogger(ProposalUpkeep.class);

    /** The hard rules a directory change (manager chain, institute) can break. */
    static final List<String> DIRECTORY_RULES = List.of("different-institute", "outside-reporting-line");

    private final MatchProposalRepository proposals;
    private final MatchEvents events;
    private final PairChecks checks;
    private final ProgrammeProjectionRepository programmes;
    private final CandidateRepository candidates;
    private final ExcludedPairRepository exclusions;

    public ProposalUpkeep(MatchProposalRepository proposals, MatchEvents events, PairChecks checks, ProgrammeProjectionRepository programmes,
                          CandidateRepository candidates, ExcludedPairRepository exclusions) {
        this.exclusions = exclusions;
        this.proposals = proposals;
        this.events = events;
        this.checks = checks;
        this.programmes = programmes;
        this.candidates = candidates;
    }

    /**
     * A person of the pool changed in the directory (manager chain, institute or directory id): each of their open
     * proposals is checked again against the hard rules with the engine ({@link PairChecks}), as a hand-made pair is.
     * A rule about institutes or reporting lines that the pair now breaks, and did not break when it was made (an
     * admin's override), flags the proposal and is announced once with {@code mentoring.match.flagged.v1}; the
     * proposal itself is kept for an admin to decide.
     */
    public Uni<Integer> recheck(Candidate changed) {
        return proposals.list("status in ?1 and (menteeApplicationId = ?2 or mentorApplicationId = ?2) order by createdAt, id",
                        UNCONFIRMED, changed.applicationId)
                .chain(open -> open.isEmpty() ? Uni.createFrom().item(0) : Panache.getSession().chain(session -> session.flush())
                        .chain(() -> Multi.createFrom().iterable(open).onItem().transformToUniAndConcatenate(this::recheck)
                                .collect().asList().map(flagged -> (int) flagged.stream().filter(Boolean::booleanValue).count())));
    }

    private Uni<Boolean> recheck(MatchProposal p) {
        return programmes.findById(p.programmeId).chain(programme -> candidates.findById(p.menteeApplicationId)
                .chain(mentee -> candidates.findById(p.mentorApplicationId).chain(mentor -> {
                    if (programme == null || mentee == null || mentor == null) {
                        return Uni.createFrom().item(false);
                    }
                    return checks.assess(programme, mentee, mentor).chain(result -> {
                        List<String> before = p.assessment == null || p.assessment.rulesBroken() == null ? List.of()
                                : p.assessment.rulesBroken();
                        List<String> known = p.flagged() ? p.flags.items().stream().map(Flags.Flag::rule).toList() : List.of();
                        List<Flags.Flag> added = new ArrayList<>();
                        for (String rule : result.rulesBroken()) {
                            if (DIRECTORY_RULES.contains(rule) && !before.contains(rule) && !known.contains(rule)) {
                                added.add(new Flags.Flag(rule, detail(rule, mentee, mentor, programme)));
                            }
                        }
                        if (added.isEmpty()) {
                            return Uni.createFrom().item(false);
                        }
                        List<Flags.Flag> all = new ArrayList<>(p.flagged() ? p.flags.items() : List.of());
                        all.addAll(added);
                        p.flags = new Flags(List.copyOf(all));
                        p.updatedAt = Instant.now();
                        String reason = String.join(",", added.stream().map(Flags.Flag::rule).toList());
                        LOG.infof("Proposal %s flagged after a directory change: %s", p.id, reason);
                        return Panache.getSession().chain(session -> session.flush())
                                .chain(() -> events.publish(EventTypes.MATCH_FLAGGED, p, reason)).replaceWith(true);
                    });
                })));
    }

    /**
     * An agreement snapshot from agreements-service (inside the consumer's transaction): the confirmed pair it belongs
     * to records its state, unless the snapshot is older than the one held. When it is first reported TERMINATED (ended
     * early), both people are without a partner again and the mentor's slot is free: re-matching takes them, and the
     * two are not proposed to each other again. COMPLETED frees nobody for this programme.
     */
    public Uni<Void> onAgreement(AgreementV1 agreement) {
        return proposals.findById(agreement.matchId()).chain(p -> {
            if (p == null || p.status != MatchProposal.Status.CONFIRMED) {
                LOG.debugf("Agreement %s of match %s: no confirmed pair here, nothing to record", agreement.agreementId(), agreement.matchId());
                return Uni.createFrom().voidItem();
            }
            if (p.agreementStatus != null && Revisions.isOlder(agreement.revision(), agreement.changedAt(), p.agreementRevision,
                    p.agreementChangedAt)) {
                LOG.debugf("Skipping agreement %s snapshot of revision %s: match %s holds revision %s", agreement.agreementId(),
                        agreement.revision(), p.id, p.agreementRevision);
                return Uni.createFrom().voidItem();
            }
            boolean endsNow = MatchProposalRepository.TERMINATED.equals(agreement.status()) && !MatchProposalRepository.TERMINATED.equals(p.agreementStatus);
            p.agreementStatus = agreement.status();
            p.agreementRevision = agreement.revision();
            p.agreementChangedAt = agreement.changedAt();
            p.updatedAt = Instant.now();
            if (!endsNow) {
                return Uni.createFrom().voidItem();
            }
            LOG.infof("Match %s: its agreement was terminated early, both people are free for re-matching", p.id);
            return exclusions.exclude(p.programmeId, p.menteeApplicationId, p.mentorApplicationId, "TERMINATED",
                    "Their agreement was terminated early").replaceWithVoid();
        });
    }

    private static String detail(String rule, Candidate mentee, Candidate mentor, ProgrammeProjection programme) {
        return switch (rule) {
            case "different-institute" -> "After a directory change the mentee and the mentor both work in " + mentee.institute
                    + "; this programme pairs people of different institutes only.";
            case "outside-reporting-line" -> "After a directory change one of them is within "
                    + programme.settings.hierarchyExclusionLevels() + " levels of the other's reporting line (a manager, a "
                    + "skip-level manager, or a peer under a shared manager); this programme pairs people outside it only.";
            default -> "After a directory change the pair breaks " + rule + ".";
        };
    }

    /**
     * The reason a withdrawn proposal carries when an application left the pool: the application's reason when it is a
     * code (such as {@code LEFT_ORGANISATION} or {@code PROGRAMME_CANCELLED}), else {@code APPLICATION_<status>}. Free
     * text (a person's own words, an admin's rejection note) is never passed on to the partner.
     */
    public static String leavingReason(String applicationStatus, String reason) {
        if (reason != null && REASON_CODE.matcher(reason).matches()) {
            return reason;
        }
        return "APPLICATION_" + applicationStatus;
    }

    /** Withdraws the open proposals of these applications with the reason; each one announced once. */
    public Uni<Integer> withdraw(Collection<UUID> applicationIds, String reason) {
        if (applicationIds.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return proposals.list("status in ?1 and (menteeApplicationId in ?2 or mentorApplicationId in ?2) order by createdAt, id",
                        UNCONFIRMED, List.copyOf(applicationIds))
                .chain(open -> open.isEmpty() ? Uni.createFrom().item(0) : Multi.createFrom().iterable(open)
                        .onItem().transformToUniAndConcatenate(p -> {
                            p.status = MatchProposal.Status.WITHDRAWN;
                            p.decisionReason = reason;
                            p.updatedAt = Instant.now();
                            LOG.infof("Proposal %s withdrawn: %s", p.id, reason);
                            return Panache.getSession().chain(session -> session.flush())
                                    .chain(() -> events.publish(EventTypes.MATCH_WITHDRAWN, p, reason));
                        })
                        .collect().asList().map(List::size));
    }
}
