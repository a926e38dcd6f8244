package org.mentoring.matching.programme.service;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.contracts.events.applicants.ProgrammeV1;
import org.mentoring.matching.programme.model.ProgrammeProjection;

import java.util.UUID;

/** Keeps the programme projection; called inside the consumer's transaction. */
@ApplicationScoped
public class ProgrammeProjections implements PanacheRepositoryBase<ProgrammeProjection, UUID> {

    public Uni<Void> onProgramme(ProgrammeV1 event) {
        return findById(event.programmeId()).chain(existing -> {
            ProgrammeProjection p = existing != null ? existing : new ProgrammeProjection();
            if (existing != null && existing.updatedAt != null && event.changedAt() != null && event.changedAt().isBefore(existing.updatedAt)) {
                return Uni.createFrom().voidItem(); // an older snapshot than the one we hold
            }
            p.programmeId = event.programmeId();
            p.name = event.name();
            p.status = event.status();
            p.agreementMonths = event.defaultAgreementMonths();
            p.cadenceDays = event.meetingCadenceDays();
            p.settings = event.matching();
            p.updatedAt = event.changedAt();
            return existing != null ? Uni.createFrom().voidItem() : persist(p).replaceWithVoid();
        });
    }
}
