package org.mentoring.matching.proposal.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.matching.proposal.model.MatchProposal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Keeps the open proposals (PROPOSED or APPROVED, not yet confirmed) true to the pool they were made from, inside the
 * transaction of the pool event that changed it: a person who leaves the pool takes their open proposals with them
 * (WITHDRAWN, {@code mentoring.match.withdrawn.v1}), which frees their partner for later runs.
 */
@ApplicationScoped
public class ProposalUpkeep {

    /** Proposals a change in the pool can still take back: nobody has confirmed them. */
    public static final List<MatchProposal.Status> UNCONFIRMED = List.of(MatchProposal.Status.PROPOSED, MatchProposal.Status.APPROVED);

    /** The reason a person left the pool, when applicants-service gives one as a code. */
    private static final Pattern REASON_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private static final Logger LOG = Logger.getLogger(ProposalUpkeep.class);

    private final MatchProposals proposals;
    private final MatchEvents events;

    public ProposalUpkeep(MatchProposals proposals, MatchEvents events) {
        this.proposals = proposals;
        this.events = events;
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
