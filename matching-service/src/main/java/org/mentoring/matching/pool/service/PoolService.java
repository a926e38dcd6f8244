package org.mentoring.matching.pool.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.contracts.events.applicants.ApplicationSubmittedV1;
import org.mentoring.matching.pool.model.Candidate;
import org.mentoring.platform.paging.Cursor;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Keeps the matching pool from applicants' events and reads it for admins. */
@ApplicationScoped
public class PoolService {

    private final CandidateRepository candidates;

    public PoolService(CandidateRepository candidates) {
        this.candidates = candidates;
    }

    /**
     * Adds or refreshes the candidate of a submitted application. Runs inside the consumer's
     * transaction (see {@code ApplicantEventsConsumer}).
     */
    public Uni<Void> onSubmitted(ApplicationSubmittedV1 event) {
        return candidates.findById(event.applicationId()).chain(existing -> {
            Instant now = Instant.now();
            Candidate c = existing != null ? existing : new Candidate();
            boolean isNew = existing == null;
            c.applicationId = event.applicationId();
            c.programmeId = event.programmeId();
            c.applicantId = event.applicantId();
            c.displayName = event.displayName();
            c.role = event.role();
            c.applicationStatus = "SUBMITTED";
            c.institute = event.institute();
            c.languages = List.copyOf(event.languages());
            c.topics = List.copyOf(event.topics());
            c.meetingFormats = List.copyOf(event.meetingFormats());
            c.submittedAt = event.submittedAt();
            c.updatedAt = now;
            if (isNew) {
                c.enteredAt = now;
                return candidates.persist(c).replaceWithVoid();
            }
            return Uni.createFrom().voidItem();
        });
    }

    @WithSession
    public Uni<List<Candidate>> page(UUID programmeId, Cursor after, int limit) {
        return candidates.page(programmeId, after, limit + 1);
    }
}
