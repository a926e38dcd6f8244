package org.mentoring.sessions.meeting.service;

import org.mentoring.contracts.events.EventTypes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.contracts.problem.Problem;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.platform.http.ETags;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.security.ProgrammeTeams;
import org.mentoring.sessions.agreement.model.Agreement;
import org.mentoring.sessions.agreement.service.AgreementInFlight;
import org.mentoring.sessions.agreement.service.AgreementRepository;
import org.mentoring.sessions.availability.model.AvailabilityWarnings;
import org.mentoring.sessions.availability.service.WeeklyAvailability;
import org.mentoring.sessions.meeting.model.Meeting;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Schedules and logs meetings under active agreements. Only the two people of the pair act on their meetings. */
@ApplicationScoped
public class MeetingService {

    public static final int MIN_MINUTES = 15;
    public static final int MAX_MINUTES = 240;
    public static final int MAX_FREE_TOPICS = 5;

    /** What a client sends to schedule or reschedule; validated here so both paths share the rules. */
    public record Plan(Instant startsAt, int durationMinutes, Meeting.Format format, String place, String videoLink,
                       List<String> agendaTopics, List<String> freeTopics) {
    }

    private final AgreementRepository agreements;
    private final MeetingRepository meetings;
    private final SessionEvents events;
    private final ProgrammeTeams teams;
    private final InPersonRule inPerson;
    private final WeeklyAvailability availability;
    private final AgreementInFlight inFlight;

    public MeetingService(AgreementRepository agreements, MeetingRepository meetings, SessionEvents events, ProgrammeTeams teams,
                          InPersonRule inPerson, WeeklyAvailability availability, AgreementInFlight inFlight) {
        this.availability = availability;
        this.inFlight = inFlight;
        this.agreements = agreements;
        this.meetings = meetings;
        this.events = events;
        this.teams = teams;
        this.inPerson = inPerson;
    }

    /**
     * Schedules a meeting under one of the caller's agreements. An agreement this service knows as DRAFT or PROPOSED may
     * have been signed by both a moment ago, its activation still on its way here: the request waits for it up to
     * {@code mentoring.sessions.wait-for-agreement}, then answers 409 {@code not-yet-consistent} with {@code Retry-After}
     * (the same request may be sent again as it is).
     */
    public Uni<Meeting> schedule(String subject, UUID agreementId, Plan plan) {
        return inFlight.awaitActive(subject, agreementId)
                .chain(() -> Panache.withTransaction(() -> scheduleUnderActive(subject, agreementId, plan)));
    }

    private Uni<Meeting> scheduleUnderActive(String subject, UUID agreementId, Plan plan) {
        return agreements.findById(agreementId).chain(a -> {
            if (a == null || !a.isMember(subject)) {
                throw ProblemException.notFound("Agreement", agreementId);
            }
            requireActive(a);
            validate(plan, a);
            Meeting m = new Meeting();
            m.id = UUID.randomUUID();
            m.agreementId = a.agreementId;
            m.programmeId = a.programmeId;
            m.menteeId = a.menteeId;
            m.mentorId = a.mentorId;
            m.createdBy = subject;
            m.createdAt = Instant.now();
            m.status = Meeting.Status.SCHEDULED;
            apply(m, plan);
            return checkOverlap(m)
                    .chain(() -> inPerson.realign(a.agreementId, a.firstInPerson, m))
                    .chain(newlyBroken -> {
                        requireInPersonWhenAsked(m, a);
                        refuseBreakingOthers(newlyBroken, a);
                        return availability.check(a, m);
                    })
                    .chain(warnings -> {
                        m.availabilityWarnings = new AvailabilityWarnings(warnings);
                        return meetings.persist(m);
                    })
                    .chain(saved -> events.meeting(EventTypes.MEETING_SCHEDULED, m))
                    .replaceWith(m);
        });
    }

    @WithTransaction
    public Uni<Meeting> reschedule(String subject, UUID id, String ifMatch, Plan plan) {
        return own(subject, id).chain(m -> {
            ETags.requireMatch(ifMatch, m.version);
            requireScheduled(m, "rescheduled");
            return agreements.findById(m.agreementId).chain(a -> {
                requireActive(a);
                validate(plan, a);
                apply(m, plan);
                return checkOverlap(m)
                        .chain(() -> inPerson.realign(a.agreementId, a.firstInPerson, m))
                        .invoke(newlyBroken -> {
                            requireInPersonWhenAsked(m, a);
                            refuseBreakingOthers(newlyBroken, a);
                        })
                        .chain(() -> availability.check(a, m))
                        .invoke(warnings -> m.availabilityWarnings = new AvailabilityWarnings(warnings))
                        .chain(() -> events.meeting(EventTypes.MEETING_RESCHEDULED, m))
                        .replaceWith(m);
            });
        });
    }

    @WithTransaction
    public Uni<Meeting> cancel(String subject, UUID id, String ifMatch, String reason) {
        return own(subject, id).chain(m -> {
            ETags.requireMatch(ifMatch, m.version);
            requireScheduled(m, "cancelled");
            m.status = Meeting.Status.CANCELLED;
            m.cancelledBy = subject;
            m.cancelReason = reason;
            m.updatedAt = Instant.now();
            // a later meeting may move up among the first ones to hold in person; if it is planned ONLINE, its view says so
            return agreements.findById(m.agreementId)
                    .chain(a -> inPerson.realign(m.agreementId, a.firstInPerson, m))
                    .chain(() -> events.meeting(EventTypes.MEETING_CANCELLED, m)).replaceWith(m);
        });
    }

    /** HELD or MISSED, once the meeting has started. A held meeting clears the pair's reminder and at-risk flags. */
    @WithTransaction
    public Uni<Meeting> record(String subject, UUID id, String ifMatch, Meeting.Status outcome) {
        if (outcome != Meeting.Status.HELD && outcome != Meeting.Status.MISSED) {
            throw ProblemException.invalidField("status", "must be HELD or MISSED");
        }
        return own(subject, id).chain(m -> {
            ETags.requireMatch(ifMatch, m.version);
            requireScheduled(m, "marked " + outcome);
            Instant now = Instant.now();
            if (now.isBefore(m.startsAt)) {
                throw new ProblemException(ProblemType.TOO_EARLY, "The meeting starts at " + m.startsAt + "; it can be marked " + outcome
                        + " only after it started.");
            }
            m.status = outcome;
            m.updatedAt = now;
            Uni<Void> flags = outcome == Meeting.Status.HELD
                    ? agreements.findById(m.agreementId).invoke(a -> {
                        a.remindedAt = null;
                        a.atRiskSince = null;
                    }).replaceWithVoid()
                    : Uni.createFrom().voidItem();
            return flags.chain(() -> events.meeting(outcome == Meeting.Status.HELD ? EventTypes.MEETING_HELD
                    : EventTypes.MEETING_MISSED, m)).replaceWith(m);
        });
    }

    /** One meeting: the pair, or an admin on its programme's team (who never gets notes, which live elsewhere). */
    @WithSession
    public Uni<Meeting> get(String subject, UUID id) {
        return meetings.findById(id).chain(m -> {
            if (m == null) {
                throw ProblemException.notFound("Meeting", id);
            }
            return m.isMember(subject) ? Uni.createFrom().item(m)
                    : teams.requireAdmin(m.programmeId, () -> ProblemException.notFound("Meeting", id)).replaceWith(m);
        });
    }

    @WithSession
    public Uni<List<Meeting>> page(String subject, UUID agreementId, Cursor after, int limit) {
        return meetings.pageOf(subject, agreementId, after, limit + 1);
    }

    /** A meeting of the caller's pair; anyone else gets 404 so ids do not leak. */
    public Uni<Meeting> own(String subject, UUID id) {
        return meetings.findById(id).map(m -> {
            if (m == null || !m.isMember(subject)) {
                throw ProblemException.notFound("Meeting", id);
            }
            return m;
        });
    }

    private static void requireActive(Agreement a) {
        if (!Agreement.ACTIVE.equals(a.status)) {
            throw new ProblemException(ProblemType.AGREEMENT_NOT_ACTIVE, "Meetings can be scheduled only under an ACTIVE agreement; agreement " + a.agreementId + " is " + a.status + ".");
        }
    }

    private static void requireScheduled(Meeting m, String what) {
        if (m.status != Meeting.Status.SCHEDULED) {
            throw new ProblemException(ProblemType.INVALID_STATE, "Only a SCHEDULED meeting can be " + what + "; this one is " + m.status + ".");
        }
    }

    private static void requireInPersonWhenAsked(Meeting m, Agreement a) {
        if (m.inPersonRequired && m.format != Meeting.Format.IN_PERSON) {
            throw new ProblemException(ProblemType.IN_PERSON_REQUIRED, "The agreement asks for the first " + a.firstInPerson + " meeting(s) in person; schedule this one IN_PERSON.",
                    List.of(new Problem.FieldError("format", "must be IN_PERSON for the first " + a.firstInPerson + " meeting(s)")));
        }
    }

    /**
     * Refuses a change that would move a scheduled ONLINE meeting among the first ones the agreement asks to hold in person
     * (moving an in-person meeting later, say): that meeting would have to be changed first.
     */
    private static void refuseBreakingOthers(List<Meeting> newlyBroken, Agreement a) {
        if (!newlyBroken.isEmpty()) {
            Meeting other = newlyBroken.get(0);
            throw new ProblemException(ProblemType.IN_PERSON_REQUIRED, "The agreement asks for the first " + a.firstInPerson + " meeting(s) in person; with this change the ONLINE meeting "
                            + other.id + " on " + other.startsAt + " would become one of them. Reschedule that one IN_PERSON first, "
                            + "or keep this meeting earlier.",
                    List.of(new Problem.FieldError("startsAt", "would put the ONLINE meeting " + other.id
                            + " among the first " + a.firstInPerson + " meeting(s)")));
        }
    }

    /**
     * Refuses a meeting overlapping another of either person. Both people's calendars are locked for the rest of the transaction
     * first (advisory locks, in a fixed order), so two concurrent requests cannot both pass the check.
     */
    private Uni<Void> checkOverlap(Meeting m) {
        List<String> people = java.util.stream.Stream.of(m.menteeId, m.mentorId).distinct().sorted().toList();
        Uni<Void> locked = Uni.createFrom().voidItem();
        for (String person : people) {
            locked = locked.chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                            "select 1 from (select pg_advisory_xact_lock(hashtext(:person))) as l", Integer.class)
                    .setParameter("person", "meeting-calendar:" + person).getSingleResult())).replaceWithVoid();
        }
        return locked.chain(() -> overlapCount(m));
    }

    private Uni<Void> overlapCount(Meeting m) {
        return meetings.overlapping(List.of(m.menteeId, m.mentorId), m.startsAt, m.endsAt, m.id).map(count -> {
            if (count > 0) {
                throw new ProblemException(ProblemType.OVERLAP, "One of the pair already has a meeting between " + m.startsAt + " and " + m.endsAt + ".");
            }
            return null;
        });
    }

    private static void apply(Meeting m, Plan plan) {
        m.startsAt = plan.startsAt();
        m.durationMinutes = plan.durationMinutes();
        m.endsAt = plan.startsAt().plus(Duration.ofMinutes(plan.durationMinutes()));
        m.format = plan.format();
        m.place = plan.format() == Meeting.Format.IN_PERSON ? plan.place().strip() : null;
        m.videoLink = plan.format() == Meeting.Format.ONLINE ? plan.videoLink().strip() : null;
        m.agendaTopics = plan.agendaTopics() == null ? List.of() : List.copyOf(plan.agendaTopics());
        m.freeTopics = plan.freeTopics() == null ? List.of() : plan.freeTopics().stream().map(String::strip).toList();
        m.updatedAt = Instant.now();
    }

    private static void validate(Plan plan, Agreement a) {
        if (plan.startsAt() == null) {
            throw ProblemException.invalidField("startsAt", "is required");
        }
        if (!plan.startsAt().isAfter(Instant.now())) {
            throw ProblemException.invalidField("startsAt", "must be in the future");
        }
        Instant agreementEnd = a.endDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (!plan.startsAt().isBefore(agreementEnd)) {
            throw ProblemException.invalidField("startsAt", "must be before the agreement ends on " + a.endDate);
        }
        if (plan.durationMinutes() < MIN_MINUTES || plan.durationMinutes() > MAX_MINUTES) {
            throw ProblemException.invalidField("durationMinutes", "must be between " + MIN_MINUTES + " and " + MAX_MINUTES);
        }
        if (plan.format() == null) {
            throw ProblemException.invalidField("format", "is required (IN_PERSON or ONLINE)");
        }
        if (plan.format() == Meeting.Format.IN_PERSON && (plan.place() == null || plan.place().isBlank())) {
            throw ProblemException.invalidField("place", "is required for a meeting IN_PERSON");
        }
        if (plan.format() == Meeting.Format.ONLINE && !isHttpsUrl(plan.videoLink())) {
            throw ProblemException.invalidField("videoLink", "must be an https link for an ONLINE meeting");
        }
        if (plan.agendaTopics() != null) {
            List<String> unknown = new ArrayList<>();
            for (String topic : plan.agendaTopics()) {
                if (!a.agendaTopics.contains(topic)) {
                    unknown.add(topic);
                }
            }
            if (!unknown.isEmpty()) {
                throw ProblemException.invalidField("agendaTopics", "must come from the agreement's agenda " + a.agendaTopics
                        + "; not there: " + unknown + " (put the pair's own topics in freeTopics)");
            }
        }
        if (plan.freeTopics() != null) {
            if (plan.freeTopics().size() > MAX_FREE_TOPICS) {
                throw ProblemException.invalidField("freeTopics", "must hold at most " + MAX_FREE_TOPICS + " topics");
            }
            if (plan.freeTopics().stream().anyMatch(t -> t == null || t.isBlank())) {
                throw ProblemException.invalidField("freeTopics", "must not hold blank topics");
            }
        }
    }

    private static boolean isHttpsUrl(String link) {
        if (link == null || link.isBlank()) {
            return false;
        }
        try {
            URI uri = new URI(link.strip());
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && !uri.getHost().isBlank();
        } catch (Exception e) {
            return false;
        }
    }
}
