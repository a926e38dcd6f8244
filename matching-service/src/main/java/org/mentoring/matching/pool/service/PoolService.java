package org.mentoring.matching.pool.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mentoring.contracts.events.Revisions;
import org.mentoring.contracts.events.applicants.ApplicantErasedV1;
import org.mentoring.contracts.events.applicants.ApplicationV1;
import org.mentoring.matching.engine.WeeklyAvailability;
import org.mentoring.matching.pool.model.Candidate;
import org.mentoring.matching.pool.model.ErasedApplication;
import org.mentoring.matching.proposal.service.ProposalUpkeep;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.privacy.Forgetting;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Keeps the matching pool from applicants' events and reads it for admins. Every application event
 * carries the application as it now stands, so each one replaces the projection's row unless it is older
 * than the snapshot the row holds ({@link Revisions}): an {@code accepted} arriving after {@code withdrawn}
 * cannot put the person back. The pool is the ACCEPTED (and already MATCHED) applications. Both methods
 * run inside the consumer's transaction.
 */
@ApplicationScoped
public class PoolService {

    /** The reason of the proposals withdrawn because one of their people was erased. */
    public static final String ERASED = "APPLICANT_ERASED";

    /** Application statuses that put a person in the pool. */
    public static final List<String> IN_POOL = List.of("ACCEPTED", "MATCHED");

    /** Counter of snapshot events a projection skipped as older than what it holds (tag {@code projection}). */
    public static final String STALE_EVENTS = "mentoring.projection.stale.events";

    private static final Logger LOG = Logger.getLogger(PoolService.class);

    private final CandidateRepository candidates;
    private final Counter stale;
    private final Forgetting forgetting;
    private final ProposalUpkeep upkeep;

    public PoolService(CandidateRepository candidates, MeterRegistry registry, Forgetting forgetting, ProposalUpkeep upkeep) {
        this.candidates = candidates;
        this.upkeep = upkeep;
        this.forgetting = forgetting;
        this.stale = Counter.builder(STALE_EVENTS).description("Snapshot events skipped because the projection held a newer one")
                .tag("projection", "pool").register(registry);
    }

    /**
     * Applies an application snapshot; when it takes the person out of the pool (withdrawn for any reason, rejected,
     * completed), their open proposals are withdrawn with the reason, and when it changes their institute, directory id
     * or manager chain their open proposals are checked against the hard rules again ({@link ProposalUpkeep}).
     */
    public Uni<Void> onApplication(ApplicationV1 event) {
        return Panache.getSession()
                .chain(session -> session.find(ErasedApplication.class, event.applicationId()))
                .chain(erased -> erased != null ? Uni.createFrom().<Void>voidItem() : candidates.findById(event.applicationId())
                        .chain(existing -> {
                            Directory before = existing == null ? null : Directory.of(existing);
                            return upsert(event).chain(applied -> {
                                if (applied == null) {
                                    return Uni.createFrom().voidItem();
                                }
                                if (!IN_POOL.contains(applied.applicationStatus)) {
                                    return upkeep.withdraw(List.of(applied.applicationId),
                                            ProposalUpkeep.leavingReason(applied.applicationStatus, event.reason())).replaceWithVoid();
                                }
                                if (before != null && !before.equals(Directory.of(applied))) {
                                    return upkeep.recheck(applied).replaceWithVoid();
                                }
                                return Uni.createFrom().voidItem();
                            });
                        }));
    }

    /**
     * Scrubs an erased person: their applications leave the pool (a tombstone keeps late events from restoring them),
     * their proposals keep the pair's history under a random pseudonym (one per erasure, so both proposals of one person
     * still read as one person) without the free-text reasons written about them, their open proposals are withdrawn
     * (reason {@code APPLICANT_ERASED}, under the pseudonym), exclusions lose their reason, and the stored answers and
     * events that mention them are forgotten ({@link Forgetting}).
     */
    public Uni<Void> onErased(ApplicantErasedV1 event) {
        Instant now = Instant.now();
        String person = event.applicantId();
        List<UUID> applications = event.applicationIds() == null ? List.of() : event.applicationIds();
        String pseudonym = "erased-" + UUID.randomUUID();
        UUID[] ids = applications.toArray(UUID[]::new);
        return Multi.createFrom().iterable(applications)
                .onItem().transformToUniAndConcatenate(id -> candidates.deleteById(id)
                        .chain(() -> Panache.getSession().chain(session -> session.find(ErasedApplication.class, id)
                                .chain(existing -> {
                                    if (existing != null) {
                                        return Uni.createFrom().voidItem();
                                    }
                                    ErasedApplication tombstone = new ErasedApplication();
                                    tombstone.applicationId = id;
                                    tombstone.erasedAt = now;
                                    return session.persist(tombstone);
                                }))))
                .collect().last()
                .chain(() -> Panache.getSession()).chain(session -> session.flush()
                        .chain(() -> session.createNativeQuery("update match_proposal set"
                                        + " mentee_applicant_id = case when mentee_application_id = any(:ids) or mentee_applicant_id = :person"
                                        + " then :pseudonym else mentee_applicant_id end,"
                                        + " mentor_applicant_id = case when mentor_application_id = any(:ids) or mentor_applicant_id = :person"
                                        + " then :pseudonym else mentor_applicant_id end,"
                                        + " created_by = case when created_by = :person then :pseudonym else created_by end,"
                                        + " override_reason = null, decision_reason = null, version = version + 1, updated_at = :now"
                                        + " where mentee_application_id = any(:ids) or mentor_application_id = any(:ids)"
                                        + " or mentee_applicant_id = :person or mentor_applicant_id = :person")
                                .setParameter("ids", ids).setParameter("person", person).setParameter("pseudonym", pseudonym)
                                .setParameter("now", now).executeUpdate())
                        .chain(() -> session.createNativeQuery("update excluded_pair set reason = null"
                                        + " where mentee_application_id = any(:ids) or mentor_application_id = any(:ids)")
                                .setParameter("ids", ids).executeUpdate())
                        .chain(() -> session.createNativeQuery("update matching_run set requested_by = :pseudonym"
                                        + " where requested_by = :person")
                                .setParameter("person", person).setParameter("pseudonym", pseudonym).executeUpdate()))
                .chain(() -> upkeep.withdraw(applications, ERASED))
                .chain(() -> forgetting.forget(person, applications));
    }

    @WithSession
    public Uni<List<Candidate>> page(UUID programmeId, Cursor after, int limit) {
        return candidates.page(programmeId, IN_POOL, after, limit + 1);
    }

    /** What the hard rules read of a person's place in the organisation. */
    private record Directory(String institute, UUID directoryPersonId, List<UUID> managerChain) {
        static Directory of(Candidate c) {
            return new Directory(c.institute, c.directoryPersonId, c.managerChain == null ? List.of() : List.copyOf(c.managerChain));
        }
    }

    /** A mentor's own limit; null for mentees, for old events, and (logged) for a negative number. */
    static Integer mentorCapacity(ApplicationV1 event) {
        Integer capacity = event.mentorCapacity();
        if (capacity == null || !"MENTOR".equals(event.role())) {
            return null;
        }
        if (capacity < 0) {
            LOG.warnf("Application %s states a negative mentor capacity %d; the programme's limit applies", event.applicationId(),
                    capacity);
            return null;
        }
        return capacity;
    }

    /**
     * The weekly availability in a normal form (weekdays in week order, {@code HH:mm}, the zone's id), or null for any time:
     * when the event has none (also every event published before the field existed) and, logged, when it cannot be read,
     * so that one malformed snapshot never stops a matching run.
     */
    static Candidate.WeeklyAvailability weeklyAvailability(ApplicationV1 event) {
        ApplicationV1.WeeklyAvailability given = event.availability();
        if (given == null) {
            return null;
        }
        try {
            WeeklyAvailability parsed = WeeklyAvailability.parse(given.weekdays(), given.from(), given.to(), given.timeZone());
            return new Candidate.WeeklyAvailability(parsed.weekdays().stream().map(Enum::name).toList(),
                    parsed.from().toString(), given.to().trim().equals("24:00") ? "24:00" : parsed.to().toString(),
                    parsed.zone().getId());
        } catch (IllegalArgumentException e) {
            LOG.warnf("Application %s has an availability that cannot be read (%s); it counts as any time", event.applicationId(),
                    e.getMessage());
            return null;
        }
    }

    /** The snapshot applied, as the pool now holds it; null when it was older than the held one and skipped. */
    private Uni<Candidate> upsert(ApplicationV1 event) {
        return candidates.findById(event.applicationId()).chain(existing -> {
            if (existing != null && Revisions.isOlder(event.revision(), event.changedAt(), existing.sourceRevision, existing.sourceChangedAt)) {
                LOG.debugf("Skipping application %s snapshot of revision %s (%s): the pool holds revision %s (%s)", event.applicationId(),
                        event.revision(), event.changedAt(), existing.sourceRevision, existing.sourceChangedAt);
                stale.increment();
                return Uni.createFrom().<Candidate>nullItem();
            }
            Instant now = Instant.now();
            Candidate c = existing != null ? existing : new Candidate();
            c.applicationId = event.applicationId();
            c.programmeId = event.programmeId();
            c.applicantId = event.applicantId();
            c.displayName = event.displayName();
            c.role = event.role();
            c.applicationStatus = event.status();
            c.institute = event.institute();
            c.department = event.department();
            c.directoryPersonId = event.directoryPersonId();
            c.managerChain = event.managerChain() == null ? List.of() : List.copyOf(event.managerChain());
            c.city = event.location() == null ? null : event.location().city();
            c.region = event.location() == null ? null : event.location().region();
            c.country = event.location() == null ? null : event.location().country();
            c.latitude = event.location() == null ? null : event.location().latitude();
            c.longitude = event.location() == null ? null : event.location().longitude();
            c.languages = event.languages() == null ? List.of() : List.copyOf(event.languages());
            c.topics = List.copyOf(event.topics());
            c.meetingFormats = List.copyOf(event.meetingFormats());
            c.availabilityHoursPerMonth = event.availabilityHoursPerMonth();
            c.yearsOfExperience = event.yearsOfExperience();
            c.diversity = event.diversity() == null ? null : new Candidate.Diversity(event.diversity());
            c.mentorCapacity = mentorCapacity(event);
            c.weeklyAvailability = weeklyAvailability(event);
            c.submittedAt = event.submittedAt();
            c.updatedAt = now;
            c.sourceRevision = event.revision();
            c.sourceChangedAt = event.changedAt();
            if (existing == null) {
                c.enteredAt = now;
                return candidates.persist(c);
            }
            return Uni.createFrom().item(c);
        });
    }
}
