package org.mentoring.matching.proposal.service;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.matching.proposal.model.ExcludedPair;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ExcludedPairs implements PanacheRepositoryBase<ExcludedPair, ExcludedPair.Key> {

    public Uni<List<ExcludedPair>> of(UUID programmeId) {
        return list("key.programmeId", programmeId);
    }

    /** Records an exclusion unless the pair is already excluded. */
    public Uni<ExcludedPair> exclude(UUID programmeId, UUID mentee, UUID mentor, String source, String reason) {
        ExcludedPair.Key key = new ExcludedPair.Key(programmeId, mentee, mentor);
        return findById(key).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(existing);
            }
            ExcludedPair pair = new ExcludedPair();
            pair.key = key;
            pair.source = source;
            pair.reason = reason;
            pair.createdAt = Instant.now();
            return persist(pair);
        });
    }
}
