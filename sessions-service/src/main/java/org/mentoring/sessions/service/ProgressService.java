package org.mentoring.sessions.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.sessions.model.Agreement;
import org.mentoring.sessions.model.Meeting;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Progress of a pair against its agreement, and the cadence check that reminds late pairs and flags those at risk. */
@ApplicationScoped
public class ProgressService {

    /** A pair is at risk when no meeting was held within this many times its cadence. */
    public static final double AT_RISK_FACTOR = 1.5;

    public record Progress(UUID agreementId, UUID programmeId, String status, int meetingCadenceDays, LocalDate startDate,
                           LocalDate endDate, long meetingsHeld, long meetingsMissed, long meetingsCancelled, long meetingsUpcoming,
                           long meetingsExpected, Double cadenceAdherence, List<String> agendaTopics, List<String> topicsCovered,
                           List<String> topicsNotYetCovered, Instant lastMeetingAt, Long daysSinceLastMeeting, boolean reminded,
                           boolean atRisk, Instant atRiskSince) {
    }

    public record CheckResult(int checked, int reminded, int flaggedAtRisk) {
    }

    private final AgreementRepository agreements;
    private final MeetingRepository meetings;
    private final SessionEvents events;

    public ProgressService(AgreementRepository agreements, MeetingRepository meetings, SessionEvents events) {
        this.agreements = agreements;
        this.meetings = meetings;
        this.events = events;
    }

    @WithSession
    public Uni<Progress> progress(String subject, boolean admin, UUID agreementId) {
        return agreements.findById(agreementId).chain(a -> {
            if (a == null || !(admin || a.isMember(subject))) {
                throw ProblemException.notFound("Agreement", agreementId);
            }
            return meetings.ofAgreement(agreementId).map(list -> compute(a, list, Instant.now()));
        });
    }

    static Progress compute(Agreement a, List<Meeting> list, Instant now) {
        long held = list.stream().filter(m -> m.status == Meeting.Status.HELD).count();
        long missed = list.stream().filter(m -> m.status == Meeting.Status.MISSED).count();
        long cancelled = list.stream().filter(m -> m.status == Meeting.Status.CANCELLED).count();
        long upcoming = list.stream().filter(m -> m.status == Meeting.Status.SCHEDULED && m.startsAt.isAfter(now)).count();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate until = today.isBefore(a.endDate) ? today : a.endDate;
        long elapsed = Math.max(0, ChronoUnit.DAYS.between(a.startDate, until));
        long expected = elapsed / a.cadenceDays;
        Double adherence = expected == 0 ? null : Math.min(1.0, Math.round(100.0 * held / expected) / 100.0);
        Set<String> covered = new LinkedHashSet<>();
        list.stream().filter(m -> m.status == Meeting.Status.HELD).forEach(m -> m.agendaTopics.stream()
                .filter(a.agendaTopics::contains).forEach(covered::add));
        List<String> notYet = new ArrayList<>(a.agendaTopics);
        notYet.removeAll(covered);
        Instant last = lastHeld(list);
        Long daysSince = last == null ? null : Duration.between(last, now).toDays();
        return new Progress(a.agreementId, a.programmeId, a.status, a.cadenceDays, a.startDate, a.endDate, held, missed, cancelled,
                upcoming, expected, adherence, a.agendaTopics, List.copyOf(covered), notYet, last, daysSince, a.remindedAt != null,
                a.atRiskSince != null, a.atRiskSince);
    }

    static Instant lastHeld(List<Meeting> list) {
        return list.stream().filter(m -> m.status == Meeting.Status.HELD).map(m -> m.startsAt).max(Comparator.naturalOrder())
                .orElse(null);
    }

    /** Active agreements flagged at risk, for admins. */
    @WithSession
    public Uni<List<Agreement>> atRisk() {
        return agreements.list("status = ?1 and atRiskSince is not null order by atRiskSince, agreementId", Agreement.ACTIVE);
    }

    /**
     * The cadence check: an ACTIVE pair with no held meeting for longer than its cadence (counted from its last held meeting, or
     * from the agreement's start) is reminded once; beyond 1.5 times the cadence it is flagged at risk once. Holding a meeting
     * clears both flags.
     */
    @WithTransaction
    public Uni<CheckResult> checkCadence(Instant now) {
        return agreements.list("status = ?1 and startDate <= ?2", Agreement.ACTIVE, LocalDate.ofInstant(now, ZoneOffset.UTC))
                .chain(active -> lastHeldByAgreement().chain(lastHeld -> {
                    int[] counts = new int[2];
                    return Multi.createFrom().iterable(active)
                            .onItem().transformToUniAndConcatenate(a -> check(a, lastHeld.get(a.agreementId), now, counts))
                            .collect().asList()
                            .map(done -> new CheckResult(active.size(), counts[0], counts[1]));
                }));
    }

    private Uni<Void> check(Agreement a, Instant lastHeld, Instant now, int[] counts) {
        Instant reference = lastHeld != null ? lastHeld : a.startDate.atStartOfDay(ZoneOffset.UTC).toInstant();
        double days = Duration.between(reference, now).toMinutes() / 1440.0;
        Uni<Void> result = Uni.createFrom().voidItem();
        if (days > a.cadenceDays && a.remindedAt == null) {
            a.remindedAt = now;
            counts[0]++;
            result = result.chain(() -> events.pairAlert(SessionEvents.PAIR_REMINDED, a, lastHeld, now));
        }
        if (days > a.cadenceDays * AT_RISK_FACTOR && a.atRiskSince == null) {
            a.atRiskSince = now;
            counts[1]++;
            result = result.chain(() -> events.pairAlert(SessionEvents.PAIR_AT_RISK, a, lastHeld, now));
        }
        return result;
    }

    private Uni<Map<UUID, Instant>> lastHeldByAgreement() {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                        "select m.agreementId, max(m.startsAt) from Meeting m where m.status = :held group by m.agreementId", Object[].class)
                .setParameter("held", Meeting.Status.HELD)
                .getResultList())
                .map(rows -> {
                    Map<UUID, Instant> last = new HashMap<>();
                    rows.forEach(r -> last.put((UUID) r[0], (Instant) r[1]));
                    return last;
                });
    }
}
