package org.mentoring.sessions.availability.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mentoring.contracts.events.Revisions;
import org.mentoring.contracts.events.applicants.ApplicationV1;
import org.mentoring.platform.inbox.PoisonEventException;
import org.mentoring.sessions.agreement.model.Agreement;
import org.mentoring.sessions.agreement.service.AgreementProjection;
import org.mentoring.sessions.availability.model.ApplicationAvailability;
import org.mentoring.sessions.availability.model.AvailabilityWarning;
import org.mentoring.sessions.meeting.model.Meeting;
import org.mentoring.sessions.privacy.service.Erasure;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Each application's stated weekly availability, kept from applicants-service's application events (the latest snapshot
 * wins, {@link Revisions}; an erased application is never brought back), and the check of a meeting against the
 * availability of both people. A meeting outside someone's hours is still scheduled: the check only yields warnings.
 */
@ApplicationScoped
public class WeeklyAvailability {

    private static final Logger LOG = Logger.getLogger(WeeklyAvailability.class);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final ApplicationAvailabilityRepository availabilities;
    private final Counter stale;

    public WeeklyAvailability(ApplicationAvailabilityRepository availabilities, MeterRegistry registry) {
        this.availabilities = availabilities;
        this.stale = Counter.builder(AgreementProjection.STALE_EVENTS)
                .description("Snapshot events skipped because the projection held a newer one")
                .tag("projection", "availability").register(registry);
    }

    /** Applies an application snapshot; runs inside the consumer's transaction. */
    public Uni<Void> onApplication(ApplicationV1 event) {
        if (event.applicationId() == null || event.applicantId() == null || event.programmeId() == null) {
            throw new PoisonEventException("An application event needs applicationId, applicantId and programmeId", null);
        }
        return Erasure.pseudonymOf(event.applicationId()).chain(erased -> {
            if (erased != null) {
                LOG.debugf("Skipping application %s: erased here", event.applicationId());
                return Uni.createFrom().voidItem();
            }
            return availabilities.findById(event.applicationId()).chain(existing -> {
                if (existing != null
                        && Revisions.isOlder(event.revision(), event.changedAt(), existing.sourceRevision, existing.changedAt)) {
                    LOG.debugf("Skipping application %s snapshot of revision %s (%s): the projection holds revision %s (%s)",
                            event.applicationId(), event.revision(), event.changedAt(), existing.sourceRevision, existing.changedAt);
                    stale.increment();
                    return Uni.createFrom().voidItem();
                }
                ApplicationAvailability a = existing != null ? existing : new ApplicationAvailability();
                a.applicationId = event.applicationId();
                a.programmeId = event.programmeId();
                a.applicantId = event.applicantId();
                a.displayName = event.displayName();
                a.changedAt = event.changedAt();
                a.sourceRevision = event.revision();
                ApplicationV1.WeeklyAvailability stated = usable(event.applicationId(), event.availability());
                a.weekdays = stated == null ? null : stated.weekdays().stream().map(d -> DayOfWeek.valueOf(d).name()).distinct()
                        .sorted(Comparator.comparing(DayOfWeek::valueOf)).toList();
                a.fromTime = stated == null ? null : stated.from();
                a.toTime = stated == null ? null : stated.to();
                a.timeZone = stated == null ? null : ZoneId.of(stated.timeZone()).getId();
                return existing == null ? availabilities.persist(a).replaceWithVoid() : Uni.createFrom().voidItem();
            });
        });
    }

    /**
     * The availability as stated, or null (any time) when there is none or it cannot be read: a malformed availability
     * must not hold back the rest of the application, and is logged instead.
     */
    private static ApplicationV1.WeeklyAvailability usable(UUID applicationId, ApplicationV1.WeeklyAvailability stated) {
        if (stated == null) {
            return null;
        }
        try {
            if (stated.weekdays() == null || stated.weekdays().isEmpty()) {
                throw new IllegalArgumentException("no weekdays");
            }
            stated.weekdays().forEach(DayOfWeek::valueOf);
            LocalTime from = LocalTime.parse(stated.from(), HH_MM);
            LocalTime to = LocalTime.parse(stated.to(), HH_MM);
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("'to' is not after 'from'");
            }
            ZoneId.of(stated.timeZone());
            return stated;
        } catch (RuntimeException e) {
            LOG.warnf("Application %s states an availability that cannot be read (%s); treating it as any time", applicationId,
                    e.getMessage());
            return null;
        }
    }

    /** The warnings for a meeting of the agreement at its current time, about the mentor and the mentee. */
    public Uni<List<AvailabilityWarning>> check(Agreement a, Meeting m) {
        return of(a.mentorApplicationId, a.mentorId, a.programmeId)
                .chain(mentor -> of(a.menteeApplicationId, a.menteeId, a.programmeId).map(mentee -> {
                    List<AvailabilityWarning> warnings = new ArrayList<>();
                    if (mentor != null) {
                        outside(mentor, m, "mentor", a.mentorId, warnings);
                    }
                    if (mentee != null) {
                        outside(mentee, m, "mentee", a.menteeId, warnings);
                    }
                    return warnings;
                }));
    }

    public Uni<List<ApplicationAvailability>> ofApplicant(String applicantId) {
        return availabilities.ofApplicant(applicantId);
    }

    private Uni<ApplicationAvailability> of(UUID applicationId, String applicantId, UUID programmeId) {
        return applicationId != null ? availabilities.findById(applicationId) : availabilities.latestOf(applicantId, programmeId);
    }

    /** Adds a warning when the meeting does not lie wholly within the person's stated hours of one of their weekdays. */
    static void outside(ApplicationAvailability av, Meeting m, String role, String subject, List<AvailabilityWarning> warnings) {
        if (av.anyTime()) {
            return;
        }
        ZoneId zone = ZoneId.of(av.timeZone);
        ZonedDateTime start = m.startsAt.atZone(zone);
        ZonedDateTime end = m.endsAt.atZone(zone);
        LocalTime from = LocalTime.parse(av.fromTime, HH_MM);
        LocalTime to = LocalTime.parse(av.toTime, HH_MM);
        boolean inside = av.weekdays.contains(start.getDayOfWeek().name()) && start.toLocalDate().equals(end.toLocalDate())
                && !start.toLocalTime().isBefore(from) && !end.toLocalTime().isAfter(to);
        if (inside) {
            return;
        }
        String whose = av.displayName != null && !av.displayName.isBlank() ? av.displayName.strip() + "'s" : "the " + role + "'s";
        String days = av.weekdays.stream().map(d -> DayOfWeek.valueOf(d).getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
                .collect(Collectors.joining(", "));
        String detail = "%s %s-%s %s is outside %s stated hours (%s %s-%s)".formatted(
                start.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH), start.format(HH_MM), end.format(HH_MM), zone.getId(),
                whose, days, av.fromTime, av.toTime);
        warnings.add(new AvailabilityWarning(AvailabilityWarning.OUTSIDE_AVAILABILITY, detail, subject));
    }
}
