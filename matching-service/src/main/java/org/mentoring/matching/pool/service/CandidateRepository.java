package org.mentoring.matching.pool.service;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.matching.pool.model.Candidate;
import org.mentoring.platform.paging.Cursor;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CandidateRepository implements PanacheRepositoryBase<Candidate, UUID> {

    /** The whole pool of a programme (the statuses that count as in the pool). */
    public Uni<List<Candidate>> pool(UUID programmeId, List<String> statuses) {
        return list("programmeId = ?1 and applicationStatus in ?2 order by applicationId", programmeId, statuses);
    }

    /** Keyset page of a programme's pool, in the order people entered it. */
    public Uni<List<Candidate>> page(UUID programmeId, List<String> statuses, Cursor after, int limit) {
        String query = "programmeId = :programme and applicationStatus in :statuses";
        Parameters params = Parameters.with("programme", programmeId).and("statuses", statuses);
        if (after != null) {
            query += " and (enteredAt > :at or (enteredAt = :at and applicationId > :id))";
            params.and("at", after.createdAt()).and("id", after.id());
        }
        return find(query + " order by enteredAt, applicationId", params).range(0, limit - 1).list();
    }
}
