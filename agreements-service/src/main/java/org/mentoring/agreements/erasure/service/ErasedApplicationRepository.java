package org.mentoring.agreements.erasure.service;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.agreements.agreement.model.Agreement;
import org.mentoring.agreements.erasure.model.ErasedApplication;
import org.mentoring.platform.privacy.Forgetting;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Tombstones of erased applications, so that a late confirmed match cannot bring an erased person's id or name back. */
@ApplicationScoped
public class ErasedApplicationRepository implements PanacheRepositoryBase<ErasedApplication, UUID> {

    private final Forgetting forgetting;

    public ErasedApplicationRepository(Forgetting forgetting) {
        this.forgetting = forgetting;
    }

    /** Forgets the stored answers and events that mention the erased person or their applications ({@link Forgetting}). */
    public Uni<Void> forget(String person, List<UUID> applicationIds) {
        return forgetting.forget(person, applicationIds);
    }

    /** The pseudonym an earlier erasure gave one of {@code applicationIds}, if any (so a repeated erasure keeps it). */
    public Uni<String> pseudonymOf(List<UUID> applicationIds) {
        if (applicationIds.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return find("applicationId in ?1", applicationIds).firstResult().map(e -> e == null ? null : e.pseudonym);
    }

    /** Records each of {@code applicationIds} as erased under {@code pseudonym}, once. */
    public Uni<Void> record(List<UUID> applicationIds, String pseudonym, Instant erasedAt) {
        return Multi.createFrom().iterable(applicationIds)
                .onItem().transformToUniAndConcatenate(id -> findById(id).chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().voidItem();
                    }
                    ErasedApplication e = new ErasedApplication();
                    e.applicationId = id;
                    e.pseudonym = pseudonym;
                    e.erasedAt = erasedAt;
                    return persist(e).replaceWithVoid();
                }))
                .collect().last().replaceWithVoid();
    }

    /** Replaces an erased party of a new agreement by their pseudonym, before it is stored or published. */
    public Uni<Agreement> pseudonymise(Agreement a) {
        return findById(a.menteeApplicationId).chain(mentee -> findById(a.mentorApplicationId).map(mentor -> {
            if (mentee != null) {
                a.menteeApplicantId = mentee.pseudonym;
                a.menteeDisplayName = null;
            }
            if (mentor != null) {
                a.mentorApplicantId = mentor.pseudonym;
                a.mentorDisplayName = null;
            }
            return a;
        }));
    }
}
