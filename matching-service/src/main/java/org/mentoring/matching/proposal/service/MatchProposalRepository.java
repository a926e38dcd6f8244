package org.mentoring.matching.proposal.service;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.matching.proposal.model.MatchProposal;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.paging.PageQuery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MatchProposalRepository implements PanacheRepositoryBase<MatchProposal, UUID> {

    /** Statuses of a pair that later runs keep as it is. */
    public static final List<MatchProposal.Status> KEPT = List.of(MatchProposal.Status.APPROVED, MatchProposal.Status.CONFIRMED);
    /** Statuses in which a person is taken (a CONFIRMED pair only while its agreement is not terminated early). */
    public static final List<MatchProposal.Status> OPEN = List.of(MatchProposal.Status.PROPOSED, MatchProposal.Status.APPROVED,
            MatchProposal.Status.CONFIRMED);
    /** What a participant may see of the proposals that concern them. */
    public static final List<MatchProposal.Status> VISIBLE_TO_PARTICIPANTS = List.of(MatchProposal.Status.APPROVED,
            MatchProposal.Status.CONFIRMED, MatchProposal.Status.DECLINED);

    /** A confirmed pair whose agreement was terminated early holds nobody any more. */
    public static final String TERMINATED = "TERMINATED";

    /** Approved pairs and confirmed pairs still live (their agreement not terminated early): a run keeps them. */
    public Uni<List<MatchProposal>> kept(UUID programmeId) {
        return list("programmeId = ?1 and (status = ?2 or (status = ?3 and (agreementStatus is null or agreementStatus <> ?4)))",
                programmeId, MatchProposal.Status.APPROVED, MatchProposal.Status.CONFIRMED, TERMINATED);
    }

    /** What a re-matching keeps: every open proposal (PROPOSED too) and every live confirmed pair. */
    public Uni<List<MatchProposal>> keptForRematch(UUID programmeId) {
        return list("programmeId = ?1 and (status in ?2 or (status = ?3 and (agreementStatus is null or agreementStatus <> ?4)))",
                programmeId, List.of(MatchProposal.Status.PROPOSED, MatchProposal.Status.APPROVED), MatchProposal.Status.CONFIRMED,
                TERMINATED);
    }

    /**
     * Proposals nobody approved are replaced by a newer run's (a bulk update, so it runs before the inserts; it bumps the
     * version, so an approval that read the proposal before fails with 412 instead of overwriting SUPERSEDED).
     */
    public Uni<Integer> supersedeUnapproved(UUID programmeId) {
        return update("status = ?1, updatedAt = ?2, version = version + 1 where programmeId = ?3 and status = ?4",
                MatchProposal.Status.SUPERSEDED, Instant.now(), programmeId, MatchProposal.Status.PROPOSED);
    }

    public Uni<Boolean> isTaken(UUID programmeId, UUID applicationId) {
        return count("programmeId = ?1 and (menteeApplicationId = ?3 or mentorApplicationId = ?3) and (status in ?2"
                        + " or (status = ?4 and (agreementStatus is null or agreementStatus <> ?5)))",
                programmeId, List.of(MatchProposal.Status.PROPOSED, MatchProposal.Status.APPROVED), applicationId,
                MatchProposal.Status.CONFIRMED, TERMINATED).map(n -> n > 0);
    }

    /**
     * A page in creation order; {@code among} limits it to some programmes, {@code subject} to a participant's own
     * visible proposals.
     */
    public Uni<List<MatchProposal>> page(UUID programmeId, java.util.Collection<UUID> among, MatchProposal.Status status, String subject,
                                         Cursor after, int limit) {
        return PageQuery.orderedBy("createdAt", "id")
                .and("programmeId = :programme", "programme", programmeId)
                .and("programmeId in :among", "among", among)
                .and("status = :status", "status", status)
                .and("(menteeApplicantId = :subject or mentorApplicantId = :subject)", "subject", subject)
                .andWhen(subject != null, "status in :visible", "visible", VISIBLE_TO_PARTICIPANTS)
                .after(after)
                .list(this, limit);
    }
}
