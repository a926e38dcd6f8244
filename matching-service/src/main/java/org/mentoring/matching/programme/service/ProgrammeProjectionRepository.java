package org.mentoring.matching.programme.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mentoring.contracts.events.Revisions;
import org.mentoring.contracts.events.applicants.ProgrammeV1;
import org.mentoring.matching.pool.service.PoolService;
import org.mentoring.matching.programme.model.ProgrammeProjection;
import org.mentoring.platform.security.ProgrammeTeams;

import java.util.UUID;

/**
 * Keeps the programme projection; called inside the consumer's transaction. A snapshot older than the one held
 * ({@link Revisions}) changes nothing, so a late {@code opened} cannot reopen a closed programme.
 */
@ApplicationScoped
public class ProgrammeProjectionRepository implements PanacheRepositoryBase<ProgrammeProjection, UUID> {

    private static final Logger LOG = Logger.getLogger(ProgrammeProjectionRepository.class);

    private final Counter stale;
    private final ProgrammeTeams teams;

    public ProgrammeProjectionRepository(MeterRegistry registry, ProgrammeTeams teams) {
        this.teams = teams;
        this.stale = Counter.builder(PoolService.STALE_EVENTS).description("Snapshot events skipped because the projection held a newer one")
                .tag("projection", "programmes").register(registry);
    }

    public Uni<Void> onProgramme(ProgrammeV1 event) {
        Uni<?> team = event.revision() == null ? Uni.createFrom().voidItem()
                : teams.apply(event.programmeId(), event.revision(), event.team());
        return team.chain(() -> findById(event.programmeId())).chain(existing -> {
            if (existing != null && Revisions.isOlder(event.revision(), event.changedAt(), existing.sourceRevision, existing.updatedAt)) {
                LOG.debugf("Skipping programme %s snapshot of revision %s (%s): the projection holds revision %s (%s)", event.programmeId(),
                        event.revision(), event.changedAt(), existing.sourceRevision, existing.updatedAt);
                stale.increment();
                return Uni.createFrom().voidItem();
            }
            ProgrammeProjection p = existing != null ? existing : new ProgrammeProjection();
            p.programmeId = event.programmeId();
            p.name = event.name();
            p.status = event.status();
            p.agreementMonths = event.defaultAgreementMonths();
            p.cadenceDays = event.meetingCadenceDays();
            p.settings = event.matching();
            p.updatedAt = event.changedAt();
            p.sourceRevision = event.revision();
            return existing != null ? Uni.createFrom().voidItem() : persist(p).replaceWithVoid();
        });
    }
}
