package org.mentoring.notifications.mail.service;

import org.mentoring.notifications.config.NotificationsConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.contracts.events.CloudEvent;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.agreements.AgreementV1;
import org.mentoring.contracts.events.applicants.ApplicantErasedV1;
import org.mentoring.contracts.events.applicants.ApplicationV1;
import org.mentoring.contracts.events.applicants.InterviewV1;
import org.mentoring.contracts.events.directory.ContactV1;
import org.mentoring.contracts.events.directory.DirectoryPersonV1;
import org.mentoring.contracts.events.matching.MatchV1;
import org.mentoring.contracts.events.sessions.MeetingV1;
import org.mentoring.contracts.events.sessions.PairAlertV1;
import org.mentoring.notifications.mail.model.MailKind;
import org.mentoring.platform.inbox.IdempotentConsumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What the events mean for e-mail, applied in the consumer's transaction: who people are (recipient and directory
 * tables), which mails to queue (one row per event, person and kind; never an SMTP call here) and which to schedule
 * for later. Only facts go into a mail's params (ids, times, the rejection reason meant for the applicant), never
 * admin notes, meeting notes or feedback.
 */
@ApplicationScoped
public class MailEvents {

    /** Why the system withdrew an application or ended an agreement (the {@code reason} / {@code reasonCategory}). */
    static final String PROGRAMME_CANCELLED = "PROGRAMME_CANCELLED";
    static final String PROGRAMME_COMPLETED = "PROGRAMME_COMPLETED";
    static final String LEFT_ORGANISATION = "LEFT_ORGANISATION";
    /** The reasons an agreement-ended mail spells out. */
    private static final java.util.Set<String> SYSTEM_REASONS = java.util.Set.of(PROGRAMME_CANCELLED, PROGRAMME_COMPLETED, LEFT_ORGANISATION);

    /** Whether the system (not a person) ended an agreement for this {@code reasonCategory}. */
    static boolean systemReason(String category) {
        return category != null && SYSTEM_REASONS.contains(category);
    }

    private final IdempotentConsumer inbox;
    private final ObjectMapper mapper;
    private final Duration hold;
    private final Duration reminderBefore;
    private final Duration surveyFirst;
    private final Duration endingLead;

    public MailEvents(IdempotentConsumer inbox, ObjectMapper mapper,
                      NotificationsConfig.Mail mail) {
        this.inbox = inbox;
        this.mapper = mapper;
        this.hold = mail.digest().hold();
        this.reminderBefore = mail.reminder().before();
        this.surveyFirst = mail.survey().firstAfter();
        this.endingLead = mail.endingSoon().lead();
    }

    /** Applies one event; types that mean nothing for e-mail change nothing. */
    public Uni<Void> apply(CloudEvent event) {
        String type = event.type() == null ? "" : event.type();
        switch (type) {
            case EventTypes.APPLICATION_SUBMITTED, EventTypes.APPLICATION_UPDATED -> {
                ApplicationV1 a = inbox.data(event, ApplicationV1.class);
                return recipient(a).chain(() -> application(a));
            }
            case EventTypes.APPLICATION_WITHDRAWN -> {
                ApplicationV1 a = inbox.data(event, ApplicationV1.class);
                Uni<Void> known = recipient(a).chain(() -> application(a));
                // a person withdrawing, or one who left the organisation (their address goes with the contacts topic), or a
                // programme that completed before they were matched: no mail; a cancelled programme: one mail per person
                return PROGRAMME_CANCELLED.equals(a.reason())
                        ? known.chain(() -> enqueue(once("programme-cancelled", a), a.applicantId(), MailKind.PROGRAMME_CANCELLED, null,
                        params("applicationId", a.applicationId(), "programmeId", a.programmeId(), "role", a.role())))
                        : known;
            }
            case EventTypes.APPLICATION_COMPLETED -> {
                ApplicationV1 a = inbox.data(event, ApplicationV1.class);
                return recipient(a).chain(() -> application(a)).chain(() -> enqueue(once("programme-completed", a), a.applicantId(),
                        MailKind.PROGRAMME_COMPLETED, null, params("applicationId", a.applicationId(), "programmeId", a.programmeId(),
                                "role", a.role())));
            }
            case EventTypes.APPLICATION_ACCEPTED, EventTypes.APPLICATION_REJECTED -> {
                ApplicationV1 a = inbox.data(event, ApplicationV1.class);
                boolean accepted = type.equals(EventTypes.APPLICATION_ACCEPTED);
                Map<String, String> params = params("applicationId", a.applicationId(), "programmeId", a.programmeId());
                if (!accepted && a.reason() != null && !a.reason().isBlank()) {
                    params.put("reason", a.reason());
                }
                return recipient(a).chain(() -> application(a)).chain(() -> enqueue(event.id(), a.applicantId(),
                        accepted ? MailKind.APPLICATION_ACCEPTED : MailKind.APPLICATION_REJECTED, null, params));
            }
            case EventTypes.APPLICATION_INTERVIEW_REQUESTED -> {
                InterviewV1 i = inbox.data(event, InterviewV1.class);
                Map<String, String> params = params("applicationId", i.applicationId(), "startsAt", i.scheduledAt(),
                        "durationMinutes", i.durationMinutes(), "videoLink", i.videoLink());
                return enqueue(event.id(), i.applicantId(), MailKind.INTERVIEW_REQUESTED, null, params);
            }
            case EventTypes.DIRECTORY_PERSON_UPSERTED, EventTypes.DIRECTORY_PERSON_DEACTIVATED -> {
                DirectoryPersonV1 p = inbox.data(event, DirectoryPersonV1.class);
                return person(p);
            }
            case EventTypes.DIRECTORY_CONTACT_CHANGED -> {
                return contact(inbox.data(event, ContactV1.class));
            }
            case EventTypes.MATCH_PROPOSED, EventTypes.MATCH_CONFIRMED -> {
                MatchV1 m = inbox.data(event, MatchV1.class);
                boolean proposed = type.equals(EventTypes.MATCH_PROPOSED);
                MailKind kind = proposed ? MailKind.MATCH_PROPOSED : MailKind.MATCH_CONFIRMED;
                Uni<Void> announced = proposed ? announced(m.matchId()) : answered(m.matchId());
                if (m.mentee() == null || m.mentor() == null) {
                    return announced;
                }
                return announced.chain(() -> pair(event.id(), kind, m.mentee().applicantId(), m.mentor().applicantId(),
                        params("matchId", m.matchId())));
            }
            case EventTypes.MATCH_DECLINED -> {
                return answered(inbox.data(event, MatchV1.class).matchId());
            }
            case EventTypes.MATCH_WITHDRAWN -> {
                return proposalWithdrawn(event, inbox.data(event, MatchV1.class));
            }
            case EventTypes.AGREEMENT_PROPOSED, EventTypes.AGREEMENT_ACTIVATED, EventTypes.AGREEMENT_AMENDED,
                 EventTypes.AGREEMENT_COMPLETED, EventTypes.AGREEMENT_TERMINATED -> {
                return agreement(event, type, inbox.data(event, AgreementV1.class));
            }
            case EventTypes.MEETING_SCHEDULED, EventTypes.MEETING_RESCHEDULED, EventTypes.MEETING_CANCELLED -> {
                return meeting(event, type, inbox.data(event, MeetingV1.class));
            }
            case EventTypes.PAIR_REMINDED -> {
                PairAlertV1 p = inbox.data(event, PairAlertV1.class);
                return pair(event.id(), MailKind.CADENCE_MISSED, p.menteeId(), p.mentorId(), params("agreementId", p.agreementId(),
                        "cadenceDays", p.meetingCadenceDays(), "daysSince", p.daysSinceLastMeeting()));
            }
            case EventTypes.APPLICANT_ERASED -> {
                return erase(inbox.data(event, ApplicantErasedV1.class));
            }
            default -> {
                return Uni.createFrom().voidItem();
            }
        }
    }

    private Uni<Void> agreement(CloudEvent event, String type, AgreementV1 a) {
        if (a.mentee() == null || a.mentor() == null) {
            return Uni.createFrom().voidItem();
        }
        String mentee = a.mentee().applicantId();
        String mentor = a.mentor().applicantId();
        String key = "agreement:" + a.agreementId();
        Map<String, String> base = params("agreementId", a.agreementId(), "startDate", a.startDate(), "endDate", a.endDate(),
                "cadenceDays", a.meetingCadenceDays());
        return switch (type) {
            case EventTypes.AGREEMENT_PROPOSED -> pair(event.id(), MailKind.AGREEMENT_PROPOSED, mentee, mentor, with(base, "version", a.latestVersion()));
            case EventTypes.AGREEMENT_ACTIVATED -> pair(event.id(), MailKind.AGREEMENT_ACTIVE, mentee, mentor, base)
                    .chain(() -> unschedule(key + ":survey"))
                    .chain(() -> schedulePair(key + ":survey", activatedAt(event, a).plus(surveyFirst), MailKind.SURVEY_DUE, mentee, mentor, base))
                    .chain(() -> endingSoon(key, a, mentee, mentor, base));
            case EventTypes.AGREEMENT_AMENDED -> endingSoon(key, a, mentee, mentor, base);
            default -> ended(event, type, a, base).chain(() -> unschedule(key + ":survey")).chain(() -> unschedule(key + ":ending-soon"));
        };
    }

    /**
     * The end of an agreement: both people are invited to the closing conversation, told why when the system ended it
     * (a partner who left the organisation, the programme's end). Not for a cancelled programme: each person then
     * gets the one cancellation mail of their withdrawn application instead.
     */
    private Uni<Void> ended(CloudEvent event, String type, AgreementV1 a, Map<String, String> base) {
        String category = a.ending() == null ? null : a.ending().reasonCategory();
        if (PROGRAMME_CANCELLED.equals(category)) {
            return Uni.createFrom().voidItem();
        }
        Map<String, String> params = with(base, "ending", type.equals(EventTypes.AGREEMENT_COMPLETED) ? "COMPLETED" : "TERMINATED");
        if (systemReason(category)) {
            params.put("endReason", category);
        }
        return pair(event.id(), MailKind.AGREEMENT_ENDED, a.mentee().applicantId(), a.mentee().applicationId(),
                a.mentor().applicantId(), a.mentor().applicationId(), params);
    }

    /**
     * A proposal the pair was told of was withdrawn because one of them left the pool: both mails are queued, and the
     * worker sends only to the one whose application is still live (see {@link MailWorker}), so the one who left hears
     * nothing. A proposal they never heard of (not yet approved) is withdrawn silently.
     */
    private Uni<Void> proposalWithdrawn(CloudEvent event, MatchV1 m) {
        if (m.matchId() == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "delete from mail_proposal where match_id = :m returning match_id", UUID.class)
                .setParameter("m", m.matchId()).getResultList())
                .chain(told -> told.isEmpty() || m.mentee() == null || m.mentor() == null ? Uni.createFrom().voidItem()
                        : pair(event.id(), MailKind.PROPOSAL_WITHDRAWN, m.mentee().applicantId(), m.mentee().applicationId(),
                        m.mentor().applicantId(), m.mentor().applicationId(), params("matchId", m.matchId())));
    }

    private Uni<Void> announced(UUID matchId) {
        return matchId == null ? Uni.createFrom().voidItem() : Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into mail_proposal (match_id, announced_at) values (:m, now()) on conflict do nothing")
                .setParameter("m", matchId).executeUpdate()).replaceWithVoid();
    }

    private Uni<Void> answered(UUID matchId) {
        return matchId == null ? Uni.createFrom().voidItem() : Panache.getSession().chain(session -> session.createNativeQuery(
                        "delete from mail_proposal where match_id = :m").setParameter("m", matchId).executeUpdate()).replaceWithVoid();
    }

    /**
     * The id under which a programme's end is mailed to a person: one mail per person and programme, whichever of
     * their applications (or redelivered events) tells of it.
     */
    private static UUID once(String what, ApplicationV1 a) {
        return UUID.nameUUIDFromBytes((what + "|" + a.programmeId() + "|" + a.applicantId()).getBytes(StandardCharsets.UTF_8));
    }

    private static Instant activatedAt(CloudEvent event, AgreementV1 a) {
        return a.changedAt() != null ? a.changedAt() : event.time() != null ? event.time() : Instant.now();
    }

    /** The ending-soon mail, due {@code ending-soon.lead} before the end date; moved when an amendment moves the date. */
    private Uni<Void> endingSoon(String key, AgreementV1 a, String mentee, String mentor, Map<String, String> base) {
        String ending = key + ":ending-soon";
        if (!"ACTIVE".equals(a.status())) {
            return Uni.createFrom().voidItem();
        }
        return unschedule(ending).chain(() -> {
            if (a.endDate() == null || !a.endDate().isAfter(LocalDate.now(ZoneOffset.UTC))) {
                return Uni.createFrom().voidItem();
            }
            Instant due = a.endDate().atStartOfDay(ZoneOffset.UTC).toInstant().minus(endingLead);
            return schedulePair(ending, due, MailKind.AGREEMENT_ENDING_SOON, mentee, mentor, base);
        });
    }

    private Uni<Void> meeting(CloudEvent event, String type, MeetingV1 m) {
        String key = "meeting:" + m.meetingId() + ":reminder";
        MailKind kind = switch (type) {
            case EventTypes.MEETING_SCHEDULED -> MailKind.MEETING_SCHEDULED;
            case EventTypes.MEETING_RESCHEDULED -> MailKind.MEETING_RESCHEDULED;
            default -> MailKind.MEETING_CANCELLED;
        };
        return Panache.getSession().chain(session -> session.createNativeQuery(
                                "insert into mail_meeting (meeting_id, sequence) values (:m, 0)"
                                        + " on conflict (meeting_id) do update set sequence = mail_meeting.sequence + 1 returning sequence", Integer.class)
                        .setParameter("m", m.meetingId()).getSingleResult())
                .chain(sequence -> {
                    Map<String, String> params = params("meetingId", m.meetingId(), "agreementId", m.agreementId(), "startsAt", m.startsAt(),
                            "durationMinutes", m.durationMinutes(), "format", m.format(), "sequence", sequence);
                    Uni<Void> mails = pair(event.id(), kind, m.menteeId(), m.mentorId(), params);
                    boolean remind = kind != MailKind.MEETING_CANCELLED && m.startsAt() != null
                            && m.startsAt().minus(reminderBefore).isAfter(Instant.now());
                    return mails.chain(() -> unschedule(key)).chain(() -> remind
                            ? schedulePair(key, m.startsAt().minus(reminderBefore), MailKind.MEETING_REMINDER, m.menteeId(), m.mentorId(), params)
                            : Uni.createFrom().voidItem());
                });
    }

    // --- people -------------------------------------------------------------------------------------------------------

    private Uni<Void> recipient(ApplicationV1 a) {
        if (a.applicantId() == null) {
            return Uni.createFrom().voidItem();
        }
        String[] languages = a.languages() == null ? new String[0] : a.languages().toArray(String[]::new);
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into mail_recipient (applicant_id, directory_person_id, display_name, languages, updated_at)"
                                + " values (:a, :p, :n, cast(:l as text[]), now()) on conflict (applicant_id) do update set"
                                + " directory_person_id = coalesce(excluded.directory_person_id, mail_recipient.directory_person_id),"
                                + " display_name = coalesce(excluded.display_name, mail_recipient.display_name),"
                                + " languages = excluded.languages, updated_at = now()")
                .setParameter("a", a.applicantId()).setParameter("p", a.directoryPersonId()).setParameter("n", a.displayName())
                .setParameter("l", languages).executeUpdate()).replaceWithVoid();
    }

    /** The application's status as its newest snapshot tells it (an older one arriving late changes nothing). */
    private Uni<Void> application(ApplicationV1 a) {
        if (a.applicationId() == null || a.applicantId() == null || a.status() == null) {
            return Uni.createFrom().voidItem();
        }
        String reason = "WITHDRAWN".equals(a.status()) && a.reason() != null && a.reason().length() <= 40 ? a.reason() : null;
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into mail_application (application_id, applicant_id, status, reason, revision, updated_at)"
                                + " values (:id, :a, :s, :r, :rev, now()) on conflict (application_id) do update set"
                                + " applicant_id = excluded.applicant_id, status = excluded.status, reason = excluded.reason,"
                                + " revision = excluded.revision, updated_at = now()"
                                + " where mail_application.revision is null or excluded.revision is null"
                                + " or excluded.revision >= mail_application.revision")
                .setParameter("id", a.applicationId()).setParameter("a", a.applicantId()).setParameter("s", a.status())
                .setParameter("r", reason).setParameter("rev", a.revision()).executeUpdate()).replaceWithVoid();
    }

    private Uni<Void> person(DirectoryPersonV1 p) {
        String[] languages = p.languages() == null ? new String[0] : p.languages().toArray(String[]::new);
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into mail_person (person_id, languages, active, updated_at) values (:p, cast(:l as text[]), :a, now())"
                                + " on conflict (person_id) do update set languages = excluded.languages, active = excluded.active, updated_at = now()")
                .setParameter("p", p.personId()).setParameter("l", languages).setParameter("a", p.active()).executeUpdate()).replaceWithVoid();
    }

    private Uni<Void> contact(ContactV1 c) {
        String email = c.email() == null || c.email().isBlank() ? null : c.email().trim();
        if (email == null) {
            // no address (any more): forget the one held, and keep no row for a person we know nothing else of
            return Panache.getSession().chain(session -> session.createNativeQuery(
                            "update mail_person set email = null, updated_at = now() where person_id = :p")
                    .setParameter("p", c.personId()).executeUpdate()).replaceWithVoid();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into mail_person (person_id, email, updated_at) values (:p, :e, now())"
                                + " on conflict (person_id) do update set email = excluded.email, updated_at = now()")
                .setParameter("p", c.personId()).setParameter("e", email).executeUpdate()).replaceWithVoid();
    }

    /**
     * Everything about an erased person: their recipient and directory rows, their applications' statuses, their mails of
     * any status, their schedules and preferences; where they are the other person of someone's mail, the reference to them goes.
     */
    public Uni<Void> erase(ApplicantErasedV1 erased) {
        String who = erased.applicantId();
        if (who == null || who.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> session.flush()
                .chain(() -> session.createNativeQuery("delete from mail_message where applicant_id = :a").setParameter("a", who).executeUpdate())
                .chain(() -> session.createNativeQuery("update mail_message set partner_id = null where partner_id = :a").setParameter("a", who).executeUpdate())
                .chain(() -> session.createNativeQuery("delete from mail_schedule where applicant_id = :a").setParameter("a", who).executeUpdate())
                .chain(() -> session.createNativeQuery("update mail_schedule set partner_id = null where partner_id = :a").setParameter("a", who).executeUpdate())
                .chain(() -> session.createNativeQuery("delete from mail_preference where applicant_id = :a").setParameter("a", who).executeUpdate())
                .chain(() -> session.createNativeQuery("delete from mail_application where applicant_id = :a").setParameter("a", who).executeUpdate())
                .chain(() -> session.createNativeQuery("delete from mail_person where person_id in"
                        + " (select directory_person_id from mail_recipient where applicant_id = :a)").setParameter("a", who).executeUpdate())
                .chain(() -> session.createNativeQuery("delete from mail_recipient where applicant_id = :a").setParameter("a", who).executeUpdate()))
                .replaceWithVoid();
    }

    // --- queue and schedule -------------------------------------------------------------------------------------------

    private Uni<Void> pair(UUID eventId, MailKind kind, String mentee, String mentor, Map<String, String> params) {
        return enqueue(eventId, mentee, kind, mentor, with(params, "role", "MENTEE"))
                .chain(() -> enqueue(eventId, mentor, kind, mentee, with(params, "role", "MENTOR")));
    }

    /** As {@link #pair}, each mail also naming the recipient's own application ({@code applicationId}). */
    private Uni<Void> pair(UUID eventId, MailKind kind, String mentee, UUID menteeApplication, String mentor, UUID mentorApplication,
                           Map<String, String> params) {
        Map<String, String> toMentee = with(params, "role", "MENTEE");
        Map<String, String> toMentor = with(params, "role", "MENTOR");
        if (menteeApplication != null) {
            toMentee.put("applicationId", menteeApplication.toString());
        }
        if (mentorApplication != null) {
            toMentor.put("applicationId", mentorApplication.toString());
        }
        return enqueue(eventId, mentee, kind, mentor, toMentee).chain(() -> enqueue(eventId, mentor, kind, mentee, toMentor));
    }

    /** One mail, held for the digest window; a second one for the same event, person and kind is not queued. */
    Uni<Void> enqueue(UUID eventId, String applicantId, MailKind kind, String partnerId, Map<String, String> params) {
        if (applicantId == null || applicantId.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into mail_message (id, event_id, applicant_id, kind, partner_id, params, status, attempts, next_attempt_at, created_at)"
                                + " values (:id, :event, :who, :kind, :partner, cast(cast(:params as text) as jsonb), 'PENDING', 0, :next, :now)"
                                + " on conflict (event_id, applicant_id, kind) do nothing")
                .setParameter("id", UUID.randomUUID()).setParameter("event", eventId).setParameter("who", applicantId)
                .setParameter("kind", kind.name()).setParameter("partner", partnerId).setParameter("params", json(params))
                .setParameter("next", now.plus(hold)).setParameter("now", now).executeUpdate()).replaceWithVoid();
    }

    private Uni<Void> schedulePair(String key, Instant due, MailKind kind, String mentee, String mentor, Map<String, String> params) {
        return schedule(key, mentee, due, kind, mentor, with(params, "role", "MENTEE"))
                .chain(() -> schedule(key, mentor, due, kind, mentee, with(params, "role", "MENTOR")));
    }

    private Uni<Void> schedule(String key, String applicantId, Instant due, MailKind kind, String partnerId, Map<String, String> params) {
        if (applicantId == null || applicantId.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into mail_schedule (schedule_key, applicant_id, due_at, kind, partner_id, params)"
                                + " values (:key, :who, :due, :kind, :partner, cast(cast(:params as text) as jsonb)) on conflict do nothing")
                .setParameter("key", key).setParameter("who", applicantId).setParameter("due", due).setParameter("kind", kind.name())
                .setParameter("partner", partnerId).setParameter("params", json(params)).executeUpdate()).replaceWithVoid();
    }

    private Uni<Void> unschedule(String key) {
        return Panache.getSession().chain(session -> session.createNativeQuery("delete from mail_schedule where schedule_key = :key")
                .setParameter("key", key).executeUpdate()).replaceWithVoid();
    }

    private String json(Map<String, String> params) {
        try {
            return mapper.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> params(Object... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put((String) pairs[i], pairs[i + 1].toString());
            }
        }
        return map;
    }

    private static Map<String, String> with(Map<String, String> params, String key, Object value) {
        Map<String, String> copy = new LinkedHashMap<>(params);
        copy.put(key, value.toString());
        return copy;
    }
}
