package org.mentoring.matching.run.service;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.matching.run.model.MatchingRun;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MatchingRunRepository implements PanacheRepositoryBase<MatchingRun, UUID> {

    /** A programme has at most one run in these statuses. */
    public static final List<MatchingRun.Status> ACTIVE = List.of(MatchingRun.Status.WAITING, MatchingRun.Status.QUEUED,
            MatchingRun.Status.RUNNING);

    public Uni<Boolean> hasActiveRun(UUID programmeId) {
        return count("programmeId = ?1 and status in ?2", programmeId,
                ACTIVE).map(n -> n > 0);
    }

    public Uni<List<MatchingRun>> latest(UUID programmeId, int limit) {
        return find("programmeId = ?1 order by requestedAt desc", programmeId).range(0, limit - 1).list();
    }
}
