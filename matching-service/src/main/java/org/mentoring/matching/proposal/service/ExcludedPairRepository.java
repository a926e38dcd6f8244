package org.mentoring.matching.proposal.service;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.matching.proposal.model.ExcludedPair;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ExcludedPairRepository implements PanacheRepositoryBase<ExcludedPair, ExcludedPair.Key> {

    public Uni<List<ExcludedPair>> of(UUID programmeId) {
        return list("key.programmeId", programmeId);
    }

    /**
     * Records an exclusion unless the pair is already excluded (then the first one, with its source and reason, stays). One
     * statement, so an admin's exclusion racing the consumer that excludes a terminated pair cannot fail on the key.
     */
    public Uni<Void> exclude(UUID programmeId, UUID mentee, UUID mentor, String source, String reason) {
        return getSession().chain(session -> session.createNativeQuery("insert into excluded_pair"
                        + " (programme_id, mentee_application_id, mentor_application_id, source, reason, created_at)"
                        + " values (:programme, :mentee, :mentor, :source, :reason, :now) on conflict do nothing")
                .setParameter("programme", programmeId)
                .setParameter("mentee", mentee)
                .setParameter("mentor", mentor)
                .setParameter("source", source)
                .setParameter("reason", reason)
                .setParameter("now", Instant.now())
                .executeUpdate()).replaceWithVoid();
    }
}
