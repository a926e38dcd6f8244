package org.mentoring.matching.export.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.matching.pool.service.CandidateRepository;
import org.mentoring.matching.proposal.model.MatchProposal;
import org.mentoring.matching.proposal.service.ParticipantProposals;
import org.mentoring.platform.paging.Cursor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A person's export from matching-service: their pool entries and the proposals that concern them, read under the same
 * rules as their own proposal list (approved, confirmed and declined ones, in the participant view).
 */
@ApplicationScoped
public class MatchingExportService {

    private static final int PAGE = 200;

    private final CandidateRepository candidates;
    private final ParticipantProposals proposals;

    public MatchingExportService(CandidateRepository candidates, ParticipantProposals proposals) {
        this.candidates = candidates;
        this.proposals = proposals;
    }

    @WithSession
    public Uni<PersonalMatchingData> export(String subject) {
        return candidates.list("applicantId = ?1 order by enteredAt, applicationId", subject)
                .chain(pool -> proposalsOf(subject, null, new ArrayList<>())
                        .map(seen -> new PersonalMatchingData(subject, Instant.now(), pool, seen)));
    }

    /** Every proposal the person may see, page after page. */
    private Uni<List<ParticipantProposals.Seen>> proposalsOf(String subject, Cursor after, List<ParticipantProposals.Seen> found) {
        return proposals.page(null, null, subject, after, PAGE).chain(rows -> {
            boolean more = rows.size() > PAGE;
            List<ParticipantProposals.Seen> page = more ? rows.subList(0, PAGE) : rows;
            found.addAll(page);
            if (!more) {
                return Uni.createFrom().item(found);
            }
            MatchProposal last = page.get(page.size() - 1).proposal();
            return proposalsOf(subject, new Cursor(last.createdAt, last.id), found);
        });
    }
}
