package org.mentoring.notifications.mail.service;

import org.mentoring.notifications.config.NotificationsConfig;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.mentoring.contracts.logging.LogSafe;
import org.mentoring.notifications.mail.model.MailKind;
import org.mentoring.notifications.mail.service.MailRenderer.Item;
import org.mentoring.notifications.mail.service.MailRenderer.Person;
import org.mentoring.notifications.mail.service.MailRenderer.Rendered;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns due schedule rows into mails and sends due mails, on every replica. A tick first moves due schedule rows into
 * the mail table (each row once: {@code for update skip locked}, deleted as it is moved; a survey schedules its next
 * one), then claims due mails ({@code for update skip locked}) together with the other mails held for the same people,
 * leases them (moves their next attempt beyond the send, so a replica that dies mid-send leaves them to be sent again),
 * commits, and sends over SMTP outside any transaction. A person with {@code mentoring.mail.digest.threshold} or more
 * mails at once gets one digest listing them (meeting mails, which carry an invitation, always go on their own). Each
 * outcome is recorded in a transaction of its own: sent, retried after the next delay of
 * {@code mentoring.mail.retry.schedule}, or given up. No address, an inactive person, a kind switched off, or a mail about a pair
 * to the one of the two who left it: skipped.
 */
@ApplicationScoped
public class MailWorker {

    private static final Logger LOG = Logger.getLogger(MailWorker.class);

    private final ReactiveMailer mailer;
    private final MailRenderer renderer;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final Duration interval;
    private final Duration lease;
    private final Duration surveyEvery;
    private final List<Duration> retries;
    private final int threshold;
    private final int batchSize;
    private final String defaultLanguage;
    private final AtomicBoolean running = new AtomicBoolean();
    private Vertx vertx;
    private org.mentoring.platform.work.BackgroundWork background;
    private long timerId = -1;

    public MailWorker(ReactiveMailer mailer, MailRenderer renderer, ObjectMapper mapper, MeterRegistry registry,
                      NotificationsConfig.Mail mail) {
        this.mailer = mailer;
        this.renderer = renderer;
        this.mapper = mapper;
        this.registry = registry;
        this.interval = mail.worker().interval();
        this.lease = mail.worker().lease();
        this.batchSize = mail.worker().batchSize();
        this.surveyEvery = mail.survey().every();
        this.retries = mail.retry().schedule();
        this.threshold = Math.max(2, mail.digest().threshold());
        this.defaultLanguage = MailRenderer.LANGUAGES.contains(mail.defaultLanguage()) ? mail.defaultLanguage() : "en";
    }

    void start(@Observes StartupEvent startup, Vertx vertx, org.mentoring.platform.work.BackgroundWork background) {
        this.vertx = vertx;
        this.background = background;
        timerId = vertx.setPeriodic(interval.toMillis(), id -> run());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private void run() {
        if (running.compareAndSet(false, true)) {
            background.submit("E-mails (will retry)", () -> fire().chain(this::drain), () -> running.set(false));
        }
    }

    /** Due schedule rows become mails; answers how many rows were due. */
    Uni<Integer> fire() {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "with due as (delete from mail_schedule where (schedule_key, applicant_id, due_at) in"
                                + " (select schedule_key, applicant_id, due_at from mail_schedule where due_at <= :now order by due_at"
                                + " limit :batch for update skip locked) returning *),"
                                + " again as (insert into mail_schedule (schedule_key, applicant_id, due_at, kind, partner_id, params)"
                                + " select schedule_key, applicant_id, due_at + make_interval(secs => :every), kind, partner_id, params"
                                + " from due where kind = 'SURVEY_DUE' on conflict do nothing)"
                                + " insert into mail_message (id, event_id, applicant_id, kind, partner_id, params, status, attempts,"
                                + " next_attempt_at, created_at)"
                                + " select gen_random_uuid(), cast(md5(schedule_key || '|' || applicant_id || '|' || kind || '|'"
                                + " || to_char(due_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US')) as uuid),"
                                + " applicant_id, kind, partner_id, params, 'PENDING', 0, :now, :now from due"
                                + " on conflict (event_id, applicant_id, kind) do nothing")
                .setParameter("now", now).setParameter("batch", batchSize).setParameter("every", (double) surveyEvery.toSeconds())
                .executeUpdate()));
    }

    /** A claimed mail with what sending it needs. */
    record Claimed(UUID id, String applicantId, MailKind kind, String partnerId, Map<String, String> params, int attempts, boolean due) {
    }

    /** What is known about a person at send time. */
    record Recipient(String applicantId, String email, boolean active, String name, String language, Set<String> off) {
    }

    /** One e-mail to send: a single mail or a digest of several, with the names of the other persons of their pairs. */
    record Unit(Recipient to, List<Claimed> mails, Map<String, String> names) {
    }

    /**
     * Sends batches until fewer than a full batch was due; answers how many e-mails were attempted. The e-mails of a batch
     * go out side by side; their outcomes are recorded one after the other on the worker's context (one session at a time).
     */
    Uni<Integer> drain() {
        return Uni.createFrom().deferred(() -> {
            io.vertx.core.Context context = Vertx.currentContext();
            java.util.concurrent.Executor back = task -> context.runOnContext(ignored -> task.run());
            return claim().chain(units -> units.isEmpty() ? Uni.createFrom().item(0)
                    : Uni.join().all(units.stream().map(this::send).toList()).andFailFast().emitOn(back)
                    .chain(outcomes -> Multi.createFrom().range(0, units.size())
                            .onItem().transformToUniAndConcatenate(i -> record(units.get(i), outcomes.get(i).orElse(null))
                                    .onFailure().invoke(f -> LOG.warnf("Outcome of mail %s not recorded (it will be sent again): %s",
                                            units.get(i).mails().get(0).id(), f.toString()))
                                    .onFailure().recoverWithNull())
                            .collect().asList().map(List::size))
                    .chain(sent -> units.size() < batchSize ? Uni.createFrom().item(sent) : drain().map(more -> sent + more)));
        });
    }

    private Uni<List<Unit>> claim() {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "select id, applicant_id, kind, partner_id, cast(params as text), attempts, next_attempt_at <= :now from mail_message"
                                + " where status = 'PENDING' and (next_attempt_at <= :now or (attempts = 0 and applicant_id in"
                                + " (select applicant_id from mail_message where status = 'PENDING' and next_attempt_at <= :now"
                                + " order by next_attempt_at limit :batch)))"
                                + " order by next_attempt_at limit :limit for update skip locked", Object[].class)
                .setParameter("now", now).setParameter("batch", batchSize).setParameter("limit", batchSize * 10)
                .getResultList()
                .chain(rows -> {
                    List<Claimed> claimed = rows.stream().map(r -> new Claimed((UUID) r[0], (String) r[1], MailKind.of((String) r[2]),
                            (String) r[3], params((String) r[4]), ((Number) r[5]).intValue(), (Boolean) r[6])).toList();
                    if (claimed.isEmpty()) {
                        return Uni.createFrom().item(List.<Unit>of());
                    }
                    Set<String> people = new LinkedHashSet<>();
                    claimed.forEach(c -> people.add(c.applicantId()));
                    return recipients(session, people).chain(recipients -> leavers(session, claimed)
                            .chain(left -> plan(session, claimed, recipients, left, now)));
                })));
    }

    private Uni<Map<String, Recipient>> recipients(org.hibernate.reactive.mutiny.Mutiny.Session session, Set<String> people) {
        return session.createNativeQuery("select r.applicant_id, p.email, coalesce(p.active, true), r.display_name, pr.language,"
                        + " cast(p.languages as text), cast(r.languages as text), cast(pr.disabled_kinds as text)"
                        + " from mail_recipient r left join mail_person p on p.person_id = r.directory_person_id"
                        + " left join mail_preference pr on pr.applicant_id = r.applicant_id where r.applicant_id = any(:people)"
                        + " union all select pr.applicant_id, null, true, null, pr.language, '{}', '{}', cast(pr.disabled_kinds as text)"
                        + " from mail_preference pr where pr.applicant_id = any(:people)"
                        + " and not exists (select 1 from mail_recipient r where r.applicant_id = pr.applicant_id)", Object[].class)
                .setParameter("people", people.toArray(String[]::new)).getResultList()
                .map(rows -> {
                    Map<String, Recipient> by = new HashMap<>();
                    for (Object[] r : rows) {
                        String language = language((String) r[4], array((String) r[5]), array((String) r[6]));
                        by.put((String) r[0], new Recipient((String) r[0], (String) r[1], (Boolean) r[2], (String) r[3], language,
                                new LinkedHashSet<>(array((String) r[7]))));
                    }
                    return by;
                });
    }

    /**
     * A mail about a pair that one of the two has left goes only to the other: a withdrawn proposal, an agreement ended
     * because a partner left the organisation. The one who left is the one whose own application (the mail's
     * {@code applicationId}) is now WITHDRAWN; answers the ids of the mails not to send for that reason.
     */
    private static Uni<Set<UUID>> leavers(org.hibernate.reactive.mutiny.Mutiny.Session session, List<Claimed> claimed) {
        Map<UUID, UUID> byApplication = new HashMap<>();
        for (Claimed c : claimed) {
            boolean aboutALeaver = c.kind() == MailKind.PROPOSAL_WITHDRAWN
                    || (c.kind() == MailKind.AGREEMENT_ENDED && MailEvents.LEFT_ORGANISATION.equals(c.params().get("endReason")));
            UUID application = aboutALeaver ? uuid(c.params().get("applicationId")) : null;
            if (application != null) {
                byApplication.put(c.id(), application);
            }
        }
        if (byApplication.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return session.createNativeQuery("select application_id from mail_application where status = 'WITHDRAWN'"
                        + " and application_id = any(:ids)", UUID.class)
                .setParameter("ids", byApplication.values().stream().distinct().toArray(UUID[]::new)).getResultList()
                .map(withdrawn -> {
                    Set<UUID> out = new java.util.HashSet<>();
                    byApplication.forEach((mail, application) -> {
                        if (withdrawn.contains(application)) {
                            out.add(mail);
                        }
                    });
                    return out;
                });
    }

    private static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The person's override, else the directory's languages, else the application's, else the default. */
    private String language(String preferred, List<String> directory, List<String> application) {
        if (preferred != null && MailRenderer.LANGUAGES.contains(preferred)) {
            return preferred;
        }
        for (List<String> languages : List.of(directory, application)) {
            for (String l : languages) {
                String code = l.toLowerCase(java.util.Locale.ROOT);
                code = code.length() > 2 ? code.substring(0, 2) : code;
                if (MailRenderer.LANGUAGES.contains(code)) {
                    return code;
                }
            }
        }
        return defaultLanguage;
    }

    /** Skips what cannot or must not be sent, groups the rest into e-mails and leases them. */
    private Uni<List<Unit>> plan(org.hibernate.reactive.mutiny.Mutiny.Session session, List<Claimed> claimed, Map<String, Recipient> recipients,
                                 Set<UUID> left, Instant now) {
        Map<String, List<Claimed>> byPerson = new LinkedHashMap<>();
        claimed.forEach(c -> byPerson.computeIfAbsent(c.applicantId(), k -> new ArrayList<>()).add(c));
        List<Unit> units = new ArrayList<>();
        Map<UUID, String> skipped = new LinkedHashMap<>();
        byPerson.forEach((who, mails) -> {
            Recipient to = recipients.get(who);
            List<Claimed> sendable = new ArrayList<>();
            for (Claimed c : mails) {
                String reason = c.kind() == null ? "unknown-kind"
                        : to == null || to.email() == null ? "no-address"
                        : !to.active() ? "inactive"
                        : left.contains(c.id()) ? "left"
                        : !c.kind().required() && to.off().contains(c.kind().name()) ? "switched-off" : null;
                if (reason != null) {
                    skipped.put(c.id(), reason);
                } else {
                    sendable.add(c);
                }
            }
            List<Claimed> digestible = sendable.stream().filter(c -> !c.kind().calendar() && c.attempts() == 0).toList();
            boolean digest = digestible.size() >= threshold && digestible.stream().anyMatch(Claimed::due);
            if (digest) {
                units.add(new Unit(to, digestible, Map.of()));
            }
            for (Claimed c : sendable) {
                if (c.due() && !(digest && digestible.contains(c))) {
                    units.add(new Unit(to, List.of(c), Map.of()));
                }
            }
        });
        skipped.forEach((id, reason) -> {
            Claimed c = claimed.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            count("mentoring.mails.skipped", "E-mails not sent: no address, an inactive person, a kind switched off, or the one who left",
                    c.kind(), reason);
            LOG.infof("Mail %s (%s) not sent: %s", id, c.kind(), reason);
        });
        UUID[] leased = units.stream().flatMap(u -> u.mails().stream()).map(Claimed::id).toArray(UUID[]::new);
        Uni<Integer> skip = skipped.isEmpty() ? Uni.createFrom().item(0) : Multi.createFrom().iterable(skipped.entrySet())
                .onItem().transformToUniAndConcatenate(e -> session.createNativeQuery(
                                "update mail_message set status = 'SKIPPED', skip_reason = :reason, next_attempt_at = null where id = :id")
                        .setParameter("reason", e.getValue()).setParameter("id", e.getKey()).executeUpdate())
                .collect().asList().map(List::size);
        return skip.chain(() -> leased.length == 0 ? Uni.createFrom().item(0) : session.createNativeQuery(
                                "update mail_message set next_attempt_at = :until where id = any(:ids)")
                        .setParameter("until", now.plus(lease)).setParameter("ids", leased).executeUpdate())
                .chain(() -> names(session, units));
    }

    /** The display names of the other persons of the pairs the units mention. */
    private static Uni<List<Unit>> names(org.hibernate.reactive.mutiny.Mutiny.Session session, List<Unit> units) {
        String[] partners = units.stream().flatMap(u -> u.mails().stream()).map(Claimed::partnerId).filter(p -> p != null).distinct()
                .toArray(String[]::new);
        if (partners.length == 0) {
            return Uni.createFrom().item(units);
        }
        return session.createNativeQuery("select applicant_id, display_name from mail_recipient where applicant_id = any(:p)"
                        + " and display_name is not null", Object[].class).setParameter("p", partners).getResultList()
                .map(rows -> {
                    Map<String, String> names = new HashMap<>();
                    rows.forEach(r -> names.put((String) r[0], (String) r[1]));
                    return units.stream().map(u -> new Unit(u.to(), u.mails(), names)).toList();
                });
    }

    private static String nameOf(Unit unit, Claimed c) {
        return c.partnerId() == null ? null : unit.names().get(c.partnerId());
    }

    /** Renders and sends one e-mail; answers the failure, if any (never fails itself). */
    Uni<java.util.Optional<Throwable>> send(Unit unit) {
        Recipient to = unit.to();
        Person person = new Person(to.email(), to.name(), to.language());
        return Uni.createFrom().deferred(() -> {
            Mail mail;
            if (unit.mails().size() == 1) {
                Claimed c = unit.mails().get(0);
                Rendered r = renderer.render(c.kind(), c.params(), person, nameOf(unit, c));
                mail = Mail.withText(to.email(), r.subject(), r.text());
                if (r.ics() != null) {
                    mail.addAttachment("invite.ics", r.ics().getBytes(StandardCharsets.UTF_8),
                            "text/calendar; charset=UTF-8; method=" + (c.kind() == MailKind.MEETING_CANCELLED ? "CANCEL" : "REQUEST"));
                }
            } else {
                Rendered r = renderer.digest(unit.mails().stream()
                        .map(c -> new Item(c.kind(), c.params(), nameOf(unit, c))).toList(), person);
                mail = Mail.withText(to.email(), r.subject(), r.text());
            }
            return mailer.send(mail);
        }).map(ignored -> java.util.Optional.<Throwable>empty()).onFailure().recoverWithItem(java.util.Optional::of);
    }

    private Uni<Void> record(Unit unit, Throwable failure) {
        UUID digest = unit.mails().size() > 1 ? UUID.randomUUID() : null;
        List<Uni<Integer>> updates = new ArrayList<>();
        for (Claimed c : unit.mails()) {
            if (failure == null) {
                count("mentoring.mails.sent", "E-mails sent (each mail of a digest counts)", c.kind(), null);
            } else {
                count("mentoring.mails.failed", "SMTP failures (each attempt)", c.kind(), null);
            }
        }
        if (failure != null) {
            LOG.infof("Mail %s (%s) failed: %s", unit.mails().get(0).id(), unit.mails().size() > 1 ? "digest of " + unit.mails().size()
                    : unit.mails().get(0).kind(), LogSafe.text(failure.toString()));
        } else if (digest != null) {
            Counter.builder("mentoring.mails.digests").description("Digest e-mails sent").register(registry).increment();
        }
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> Multi.createFrom().iterable(unit.mails())
                .onItem().transformToUniAndConcatenate(c -> {
                    Duration delay = failure == null || c.attempts() >= retries.size() ? null : retries.get(c.attempts());
                    String status = failure == null ? "SENT" : delay == null ? "FAILED" : "PENDING";
                    if ("FAILED".equals(status)) {
                        count("mentoring.mails.given.up", "E-mails given up after their last attempt", c.kind(), null);
                    }
                    return session.createNativeQuery("update mail_message set status = :status, attempts = attempts + 1,"
                                    + " next_attempt_at = :next, sent_at = :sent, digest_id = :digest where id = :id and status = 'PENDING'")
                            .setParameter("status", status).setParameter("next", delay == null ? null : Instant.now().plus(delay))
                            .setParameter("sent", failure == null ? Instant.now() : null).setParameter("digest", digest)
                            .setParameter("id", c.id()).executeUpdate();
                }).collect().asList())).replaceWithVoid();
    }

    private void count(String name, String description, MailKind kind, String reason) {
        Counter.Builder b = Counter.builder(name).description(description).tag("kind", kind == null ? "UNKNOWN" : kind.name());
        if (reason != null) {
            b.tag("reason", reason);
        }
        b.register(registry).increment();
    }

    private Map<String, String> params(String json) {
        try {
            return mapper.readValue(json, new TypeReference<Map<String, String>>() {
            });
        } catch (Exception e) {
            LOG.warnf("Facts of a mail unreadable, rendered without them: %s", LogSafe.text(e.getMessage()));
            return Map.of();
        }
    }

    private static List<String> array(String pg) {
        if (pg == null || pg.length() < 2 || pg.equals("{}")) {
            return List.of();
        }
        return Arrays.stream(pg.substring(1, pg.length() - 1).split(",")).map(s -> s.replace("\"", "").trim()).filter(s -> !s.isEmpty()).toList();
    }
}
