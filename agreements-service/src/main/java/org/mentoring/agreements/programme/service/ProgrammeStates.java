package org.mentoring.agreements.programme.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.LockMode;
import org.mentoring.agreements.programme.model.ProgrammeState;
import org.mentoring.contracts.events.Revisions;
import org.mentoring.contracts.events.applicants.ProgrammeV1;

import java.time.Instant;
import java.util.UUID;

/**
 * The programmes' statuses from their events ({@code programme_state}), newest snapshot only. Both methods run inside the
 * caller's transaction and lock the programme's row until it ends: {@link #apply} exclusively (the programme's ending
 * then ends its agreements), {@link #lockForDrafting} shared (a draft is then opened), so the two never interleave.
 */
@ApplicationScoped
public class ProgrammeStates {

    /**
     * Stores the snapshot's status unless the stored one comes from a newer snapshot ({@link Revisions}). Returns whether it
     * was stored: an older snapshot changes nothing.
     */
    public Uni<Boolean> apply(ProgrammeV1 programme) {
        return lock(programme.programmeId(), LockMode.PESSIMISTIC_WRITE).map(held -> {
            if (Revisions.isOlder(programme.revision(), programme.changedAt(), held.revision, held.changedAt)) {
                return false;
            }
            held.status = programme.status();
            held.revision = programme.revision();
            held.changedAt = programme.changedAt();
            held.updatedAt = Instant.now();
            return true;
        });
    }

    /** The programme's state, held shared until the transaction ends: its ending waits for the draft, or the draft for it. */
    public Uni<ProgrammeState> lockForDrafting(UUID programmeId) {
        return lock(programmeId, LockMode.PESSIMISTIC_READ);
    }

    /** The programme's row, created without a status if no event of it has arrived yet, and locked. */
    private Uni<ProgrammeState> lock(UUID programmeId, LockMode mode) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into programme_state (programme_id, updated_at) values (:programme, now())"
                        + " on conflict (programme_id) do nothing")
                .setParameter("programme", programmeId)
                .executeUpdate()
                .chain(() -> session.find(ProgrammeState.class, programmeId, mode)));
    }
}
