package org.mentoring.matching.proposal.service;

import org.mentoring.platform.security.Viewer;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.matching.pool.service.CandidateRepository;
import org.mentoring.matching.proposal.model.MatchProposal;
import org.mentoring.platform.paging.Cursor;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The proposals of one participant, as they may see them: only those that concern them and that an admin approved
 * (see {@link ProposalService}), each with the partner's display name from the pool.
 */
@ApplicationScoped
public class ParticipantProposals {

    private final ProposalService proposals;
    private final CandidateRepository candidates;

    public ParticipantProposals(ProposalService proposals, CandidateRepository candidates) {
        this.proposals = proposals;
        this.candidates = candidates;
    }

    /** A proposal seen by {@code subject}, one of its pair, with the partner's display name (null when unknown). */
    public record Seen(MatchProposal proposal, String subject, String partnerName) {

        public boolean callerIsMentee() {
            return proposal.menteeApplicantId.equals(subject);
        }
    }

    /** Up to {@code limit + 1} of the caller's visible proposals in keyset order (see {@code Page.of}). */
    @WithSession
    public Uni<List<Seen>> page(UUID programmeId, MatchProposal.Status status, String subject, Cursor after, int limit) {
        return proposals.page(programmeId, status, new Viewer(subject, false), after, limit)
                .chain(rows -> named(rows, subject));
    }

    @WithSession
    public Uni<Seen> get(UUID id, String subject) {
        return proposals.get(id, new Viewer(subject, false)).chain(p -> named(List.of(p), subject)).map(s -> s.get(0));
    }

    /** The caller answers for themselves (see {@link ProposalService#answer}). */
    @WithTransaction
    public Uni<Seen> answer(UUID id, String subject, boolean accept) {
        return proposals.answer(id, subject, accept).chain(p -> named(List.of(p), subject)).map(s -> s.get(0));
    }

    private Uni<List<Seen>> named(List<MatchProposal> rows, String subject) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> partners = rows.stream().map(p -> partnerOf(p, subject)).distinct().toList();
        return candidates.list("applicationId in ?1", partners).map(found -> {
            Map<UUID, String> names = found.stream().filter(c -> c.displayName != null)
                    .collect(Collectors.toMap(c -> c.applicationId, c -> c.displayName, (a, b) -> a));
            return rows.stream().map(p -> new Seen(p, subject, names.get(partnerOf(p, subject)))).toList();
        });
    }

    private static UUID partnerOf(MatchProposal p, String subject) {
        return p.menteeApplicantId.equals(subject) ? p.mentorApplicationId : p.menteeApplicationId;
    }
}
