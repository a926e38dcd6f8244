package org.mentoring.sessions.progress.service;

import org.mentoring.contracts.events.EventTypes;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.platform.audit.AccessLog;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.security.ProgrammeTeams;
import org.mentoring.sessions.agreement.model.Agreement;
import org.mentoring.sessions.agreement.service.AgreementRepository;
import org.mentoring.sessions.meeting.model.Meeting;
import org.mentoring.sessions.meeting.service.MeetingRepository;
import org.mentoring.sessions.meeting.service.SessionEvents;

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
                           long meetingsExpected, @Schema(description = "Null before any meeting was expected", nullable = true) Double cadenceAdherence, List<String> agendaTopics, List<String> topicsCovered,
                           List<String> topicsNotYetCovered, @Schema(nullable = true) Instant lastMeetingAt,
                           @Schema(nullable = true) Long daysSinceLastMeeting, boolean reminded,
                           boolean atRisk, @Schema(nullable = true) Instant atRiskSince) {
    }

    /** {@code checked}: the active pairs this check examined (those past one cadence and not yet both reminded and flagged). */
    public record CheckResult(int checked, int reminded, int flaggedAtRisk) {
    }

    private final AgreementRepository agreements;
    private final MeetingRepository meetings;
    private final SessionEvents events;
    private final PairAlerts alerts;
    private final ProgrammeTeams teams;
    private final AccessLog accessLog;

    public ProgressService(AgreementRepository agreements, MeetingRepository meetings, SessionEvents events, PairAlerts alerts,
                           ProgrammeTeams teams, AccessLog accessLog) {
        this.agreements = agreements;
        this.meetings = meetings;
        this.events = events;
        this.alerts = alerts;
        this.teams = teams;
        this.accessLog = accessLog;
    }

    /**
     * The pair's progress, for the pair and for the admins on its programme's team; anyone else gets 404. A read by the
     * team is recorded in the access log first (and refused as the programme's admin access says).
     */
    @WithSession
    public Uni<Progress> progress(String subject, UUID agreementId) {
        return agreements.findById(agreementId).chain(a -> {
            if (a == null) {
                throw ProblemException.notFound("Agreement", agreementId);
            }
            Uni<Void> allowed = a.isMember(subject) ? Uni.createFrom().voidItem()
                    : teams.requireAdmin(a.programmeId, () -> ProblemException.notFound("Agreement", agreementId))
                    .chain(() -> accessLog.read(a.programmeId, "progress", a.agreementId, List.of(a.menteeId, a.mentorId)));
            return allowed.chain(() -> meetings.ofAgreement(agreementId)).map(list -> compute(a, list, Instant.now()));
        });
    }

    public static Progress compute(Agreement a, List<Meeting> list, Instant now) {
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

    /** Active agreements of these programmes flagged at risk, for the programmes' admins. */
    @WithSession
    public Uni<List<Agreement>> atRisk(Set<UUID> programmes) {
        if (programmes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return agreements.list("status = ?1 and atRiskSince is not null and programmeId in ?2 order by atRiskSince, agreementId",
                Agreement.ACTIVE, programmes);
    }

    /**
     * The cadence check: an ACTIVE pair with no held meeting for longer than its cadence (counted from its last held meeting, or
     * from the agreement's start) is reminded once; beyond 1.5 times the cadence it is flagged at risk once. Holding a meeting
     * clears both flags and starts a new period.
     * <p>
     * Safe with several replicas checking at once: the agreements that may need an alert are claimed with
     * {@code FOR UPDATE SKIP LOCKED} (another check's rows are skipped, not waited for, and are seen flagged once it commits),
     * and every alert is recorded in {@link PairAlerts} first, whose key admits one alert per pair, kind and period.
     */
    @WithTransaction
    public Uni<CheckResult> checkCadence(Instant now) {
        return check(now, null);
    }

    /** The cadence check of these programmes' pairs only: what an admin runs by hand for the programmes of their teams. */
    @WithTransaction
    public Uni<CheckResult> checkCadence(Instant now, Set<UUID> programmes) {
        return programmes.isEmpty() ? Uni.createFrom().item(new CheckResult(0, 0, 0)) : check(now, programmes);
    }

    /** {@code programmes}: null for every programme. */
    private Uni<CheckResult> check(Instant now, Set<UUID> programmes) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return Panache.getSession().chain(s -> {
                    var query = s.createNativeQuery("select agreement_id from agreement where status = :active"
                                    + " and start_date + cadence_days <= :today and (reminded_at is null or at_risk_since is null)"
                                    + (programmes == null ? "" : " and programme_id in (:programmes)")
                                    + " order by agreement_id for update skip locked", UUID.class)
                            .setParameter("active", Agreement.ACTIVE).setParameter("today", today);
                    if (programmes != null) {
                        query.setParameter("programmes", programmes);
                    }
                    return query.getResultList();
                })
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(new CheckResult(0, 0, 0))
                        : agreements.list("agreementId in ?1", ids).chain(claimed -> lastHeldByAgreement(ids).chain(lastHeld -> {
                            int[] counts = new int[2];
                            return Multi.createFrom().iterable(claimed)
                                    .onItem().transformToUniAndConcatenate(a -> check(a, lastHeld.get(a.agreementId), now, counts))
                                    .collect().asList()
                                    .map(done -> new CheckResult(claimed.size(), counts[0], counts[1]));
                        })));
    }

    private Uni<Void> check(Agreement a, Instant lastHeld, Instant now, int[] counts) {
        Instant periodStart = lastHeld != null ? lastHeld : a.startDate.atStartOfDay(ZoneOffset.UTC).toInstant();
        double days = Duration.between(periodStart, now).toMinutes() / 1440.0;
        Uni<Void> result = Uni.createFrom().voidItem();
        if (days > a.cadenceDays && a.remindedAt == null) {
            result = result.chain(() -> alert(a, PairAlerts.Kind.REMINDED, EventTypes.PAIR_REMINDED, periodStart, lastHeld, now)
                    .invoke(sentBefore -> {
                        a.remindedAt = sentBefore != null ? sentBefore : now;
                        counts[0] += sentBefore == null ? 1 : 0;
                    }).replaceWithVoid());
        }
        if (days > a.cadenceDays * AT_RISK_FACTOR && a.atRiskSince == null) {
            result = result.chain(() -> alert(a, PairAlerts.Kind.AT_RISK, EventTypes.PAIR_AT_RISK, periodStart, lastHeld, now)
                    .invoke(sentBefore -> {
                        a.atRiskSince = sentBefore != null ? sentBefore : now;
                        counts[1] += sentBefore == null ? 1 : 0;
                    }).replaceWithVoid());
        }
        return result;
    }

    /** Sends the alert unless one of its kind went out in this period already; the item is when that one was sent, or null. */
    private Uni<Instant> alert(Agreement a, PairAlerts.Kind kind, String type, Instant periodStart, Instant lastHeld, Instant now) {
        return alerts.record(a.agreementId, kind, periodStart, now).call(sentBefore -> sentBefore != null
                ? Uni.createFrom().voidItem()
                : events.pairAlert(type, a, lastHeld, now));
    }

    private Uni<Map<UUID, Instant>> lastHeldByAgreement(List<UUID> agreementIds) {
        return Panache.getSession().chain(s -> s.createSelectionQuery("select m.agreementId, max(m.startsAt) from Meeting m"
                                + " where m.status = :held and m.agreementId in :ids group by m.agreementId", Object[].class)
                .setParameter("held", Meeting.Status.HELD)
                .setParameter("ids", agreementIds)
                .getResultList())
                .map(rows -> {
                    Map<UUID, Instant> last = new HashMap<>();
                    rows.forEach(r -> last.put((UUID) r[0], (Instant) r[1]));
                    return last;
                });
    }
}
