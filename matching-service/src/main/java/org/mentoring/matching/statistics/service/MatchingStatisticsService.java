package org.mentoring.matching.statistics.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.mentoring.contracts.statistics.SmallCounts;
import org.mentoring.matching.pool.service.PoolService;
import org.mentoring.matching.proposal.model.MatchProposal;
import org.mentoring.matching.run.model.MatchingRun;
import org.mentoring.matching.statistics.model.MatchingStatistics;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Computes a programme's matching figures with aggregate queries (counts grouped in the database; of a run
 * only its totals are read, never its pairs) and suppresses the small ones with {@link SmallCounts}, complementary
 * suppression included. A programme matching knows
 * nothing about has zero figures, as its pool is simply empty.
 */
@ApplicationScoped
public class MatchingStatisticsService {

    /** The latest completed PUBLISH run's totals, read from its stored result without loading the pairs. */
    private static final String LATEST_PUBLISHED_RUN = "select r.id, r.finished_at, coalesce(r.mentees, 0),"
            + " coalesce(cast(r.result ->> 'matchedMentees' as integer), 0),"
            + " (select count(*) from jsonb_array_elements(coalesce(r.result -> 'unmatched', cast('[]' as jsonb))) u"
            + "  where u ->> 'role' = 'MENTEE')"
            + " from matching_run r where r.programme_id = :programme and r.mode = :mode and r.status = :status"
            + " order by r.finished_at desc, r.requested_at desc limit 1";

    @WithSession
    public Uni<MatchingStatistics> of(UUID programmeId) {
        return Panache.getSession().chain(session -> poolByRole(session, programmeId)
                .chain(pool -> proposalsByStatus(session, programmeId)
                        .chain(proposals -> latestPublishedRun(session, programmeId)
                                .map(run -> build(programmeId, pool, proposals, run)))));
    }

    private static Uni<Map<String, Long>> poolByRole(Mutiny.Session session, UUID programmeId) {
        return session.createSelectionQuery("select c.role, count(c) from Candidate c where c.programmeId = :programme"
                        + " and c.applicationStatus in :statuses group by c.role", Object[].class)
                .setParameter("programme", programmeId).setParameter("statuses", PoolService.IN_POOL)
                .getResultList()
                .map(rows -> {
                    Map<String, Long> byRole = new HashMap<>();
                    rows.forEach(r -> byRole.put((String) r[0], ((Number) r[1]).longValue()));
                    return byRole;
                });
    }

    private static Uni<Map<MatchProposal.Status, Long>> proposalsByStatus(Mutiny.Session session, UUID programmeId) {
        return session.createSelectionQuery("select p.status, count(p) from MatchProposal p where p.programmeId = :programme"
                        + " group by p.status", Object[].class)
                .setParameter("programme", programmeId)
                .getResultList()
                .map(rows -> {
                    Map<MatchProposal.Status, Long> byStatus = new EnumMap<>(MatchProposal.Status.class);
                    rows.forEach(r -> byStatus.put((MatchProposal.Status) r[0], ((Number) r[1]).longValue()));
                    return byStatus;
                });
    }

    private static Uni<RunTotals> latestPublishedRun(Mutiny.Session session, UUID programmeId) {
        return session.createNativeQuery(LATEST_PUBLISHED_RUN, Object[].class)
                .setParameter("programme", programmeId)
                .setParameter("mode", MatchingRun.Mode.PUBLISH.name())
                .setParameter("status", MatchingRun.Status.COMPLETED.name())
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : new RunTotals((UUID) rows.get(0)[0], instant(rows.get(0)[1]),
                        ((Number) rows.get(0)[2]).longValue(), ((Number) rows.get(0)[3]).longValue(),
                        ((Number) rows.get(0)[4]).longValue()));
    }

    /** What the database holds, before suppression. */
    record RunTotals(UUID runId, Instant completedAt, long mentees, long matchedMentees, long unmatchedMentees) {
    }

    static MatchingStatistics build(UUID programmeId, Map<String, Long> poolByRole, Map<MatchProposal.Status, Long> proposals,
                                    RunTotals run) {
        SmallCounts counts = new SmallCounts()
                .count("pool.mentors", poolByRole.getOrDefault("MENTOR", 0L))
                .count("pool.mentees", poolByRole.getOrDefault("MENTEE", 0L));
        for (MatchProposal.Status status : MatchProposal.Status.values()) {
            counts.count("proposalsByStatus." + status.name(), proposals.getOrDefault(status, 0L));
        }
        counts.count("confirmedPairs", proposals.getOrDefault(MatchProposal.Status.CONFIRMED, 0L))
                .sum("confirmedPairs", List.of("proposalsByStatus." + MatchProposal.Status.CONFIRMED.name()));
        if (run != null) {
            // matched and unmatched add up to the mentees the run considered
            counts.count("latestPublishedRun.menteesInPool", run.mentees())
                    .count("latestPublishedRun.matchedMentees", run.matchedMentees())
                    .count("latestPublishedRun.unmatchedMentees", run.unmatchedMentees())
                    .sum("latestPublishedRun.menteesInPool",
                            List.of("latestPublishedRun.matchedMentees", "latestPublishedRun.unmatchedMentees"));
        }
        SmallCounts.Result s = counts.suppress();
        MatchingStatistics.Pool pool = new MatchingStatistics.Pool(s.value("pool.mentors"), s.value("pool.mentees"));
        List<MatchingStatistics.StatusCount> byStatus = new ArrayList<>();
        for (MatchProposal.Status status : MatchProposal.Status.values()) {
            byStatus.add(new MatchingStatistics.StatusCount(status, s.value("proposalsByStatus." + status.name())));
        }
        MatchingStatistics.PublishedRun published = run == null ? null : new MatchingStatistics.PublishedRun(run.runId(),
                run.completedAt(), s.value("latestPublishedRun.menteesInPool"), s.value("latestPublishedRun.matchedMentees"),
                s.value("latestPublishedRun.unmatchedMentees"));
        return new MatchingStatistics(programmeId, pool, List.copyOf(byStatus), s.value("confirmedPairs"), published, s.suppressed());
    }

    /** A native query hands timestamptz back as an OffsetDateTime. */
    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime o ? o.toInstant() : (Instant) value;
    }
}
