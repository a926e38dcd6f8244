package org.mentoring.platform.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.mentoring.contracts.events.applicants.ProgrammeV1;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.security.Caller;
import org.mentoring.platform.security.ProgrammeTeams;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The access log: every read of a person's personal data by a programme admin or an HR system, recorded before the
 * data is answered (a read that cannot be recorded fails). What is allowed follows the programme's admin access
 * ({@link ProgrammeV1.Team#adminAccess()}):
 * <ul>
 *   <li>{@code OPEN}: the read is recorded;</li>
 *   <li>{@code AUDITED}: the caller must say why in the {@value #REASON_HEADER} header, recorded with the read;
 *   without a reason the read is refused (400, {@code access-reason-required});</li>
 *   <li>{@code DISABLED}: the read is refused (403, {@code admin-access-disabled}); lists spanning several programmes
 *   leave that programme's items out instead.</li>
 * </ul>
 * A person reading their own data is not recorded, nor is a caller who is neither admin nor HR system. Rows are never
 * changed or deleted (the database refuses it) except by {@link #forget}, which an erasure uses to replace the
 * person's subject with a pseudonym. Each service keeps its own log in its own database; the gateway merges them for
 * a programme's owners and into a person's export.
 */
@ApplicationScoped
public class AccessLog {

    /** The request header that carries the reason for a read of an audited programme. */
    public static final String REASON_HEADER = "Access-Reason";
    public static final int MAX_REASON = 500;
    public static final String ADMIN = "ADMIN";
    public static final String HR_SYSTEM = "HR_SYSTEM";

    /** One recorded read, as listed to a programme's owners and in the person's export. */
    public record Entry(UUID id, Instant at, UUID programmeId, String service, String actor, String actorKind,
                        String subject, String what, String objectId, String reason) {
    }

    private final Caller caller;
    private final ProgrammeTeams teams;
    private final CurrentVertxRequest request;
    private final String service;

    public AccessLog(Caller caller, ProgrammeTeams teams, CurrentVertxRequest request,
                     @ConfigProperty(name = "quarkus.application.name") String application) {
        this.caller = caller;
        this.teams = teams;
        this.request = request;
        this.service = shortName(application);
    }

    /** The service's short name (applicants, matching, ...), as it appears in the log and in its paths. */
    public String service() {
        return service;
    }

    static String shortName(String application) {
        return application.endsWith("-service") ? application.substring(0, application.length() - "-service".length()) : application;
    }

    /**
     * Records that the caller reads {@code what} ({@code objectId}) of a programme, holding the personal data of
     * {@code subjects}; fails as the programme's admin access says when the read is not allowed. Call it before
     * answering, on the read's own path (it joins the current session and opens a transaction for the record).
     */
    public Uni<Void> read(UUID programmeId, String what, Object objectId, Collection<String> subjects) {
        return readPage(programmeId, List.of(subjects), what, x -> objectId, x -> x).replaceWithVoid();
    }

    /**
     * Records the caller's read of a page of one programme's items (one entry per person in each item); fails as the
     * programme's admin access says when the read is not allowed, even for an empty page.
     */
    public <T> Uni<List<T>> readPage(UUID programmeId, List<T> items, String what, Function<T, Object> idOf,
                                     Function<T, Collection<String>> subjectsOf) {
        if (!recordedCaller()) {
            return Uni.createFrom().item(items);
        }
        return teams.adminAccess(programmeId).chain(access -> {
            String reason = allowed(programmeId, access);
            List<Row> rows = new ArrayList<>();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            for (T item : items) {
                rows.addAll(rows(programmeId, item, what, idOf, subjectsOf, reason, now));
            }
            return insert(rows).replaceWith(items);
        });
    }

    /**
     * Records the caller's read of a list of items that may span programmes; answers the items less those of
     * programmes whose admin access is DISABLED. Fails (400) when an item is of an AUDITED programme and no reason was
     * given.
     */
    public <T> Uni<List<T>> readAll(List<T> items, String what, Function<T, UUID> programmeOf, Function<T, Object> idOf,
                                    Function<T, Collection<String>> subjectsOf) {
        if (items.isEmpty() || !recordedCaller()) {
            return Uni.createFrom().item(items);
        }
        Set<UUID> programmes = new LinkedHashSet<>();
        items.forEach(item -> programmes.add(programmeOf.apply(item)));
        return teams.adminAccess(programmes).chain(accessOf -> {
            List<T> shown = new ArrayList<>();
            List<Row> rows = new ArrayList<>();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Map<UUID, String> reasons = new HashMap<>();
            for (T item : items) {
                UUID programme = programmeOf.apply(item);
                String access = accessOf.get(programme);
                if (ProgrammeV1.Team.DISABLED.equals(access)) {
                    continue;
                }
                String reason = reasons.computeIfAbsent(programme, p -> allowed(p, access));
                shown.add(item);
                rows.addAll(rows(programme, item, what, idOf, subjectsOf, reason, now));
            }
            return insert(rows).replaceWith(shown);
        });
    }

    private <T> List<Row> rows(UUID programme, T item, String what, Function<T, Object> idOf,
                               Function<T, Collection<String>> subjectsOf, String reason, Instant at) {
        Object id = idOf.apply(item);
        List<Row> rows = new ArrayList<>();
        for (String subject : othersThanCaller(subjectsOf.apply(item))) {
            rows.add(new Row(programme, subject, what, id == null ? null : id.toString(), reason, at));
        }
        return rows;
    }

    /**
     * A page of a programme's log, newest first, for its owners: entries before {@code (before, beforeId)} when given.
     */
    public Uni<List<Entry>> ofProgramme(UUID programmeId, Instant before, UUID beforeId, int limit) {
        return teams.owns(programmeId).chain(owner -> {
            if (!owner) {
                throw ProblemException.notFound("Programme", programmeId);
            }
            return page("programme_id = :key", programmeId, before, beforeId, limit);
        });
    }

    /** A page of the reads of the caller's own data, newest first: what their export shows. */
    public Uni<List<Entry>> aboutCaller(Instant before, UUID beforeId, int limit) {
        return page("subject = :key", caller.subject(), before, beforeId, limit);
    }

    /**
     * Replaces {@code subject}, as reader and as the one read about, with {@code pseudonym}, and drops object ids that
     * are among {@code mentions}; part of an erasure, in its transaction.
     */
    public Uni<Void> forget(String subject, String pseudonym, Collection<String> mentions) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("update access_log set subject = :pseudonym where subject = :subject")
                .setParameter("pseudonym", pseudonym).setParameter("subject", subject).executeUpdate()
                .chain(() -> session.createNativeQuery("update access_log set actor = :pseudonym where actor = :subject")
                        .setParameter("pseudonym", pseudonym).setParameter("subject", subject).executeUpdate())
                .chain(() -> mentions.isEmpty() ? Uni.createFrom().item(0) : session
                        .createNativeQuery("update access_log set object_id = null where object_id in (:mentions)")
                        .setParameter("mentions", mentions).executeUpdate()))
                .replaceWithVoid();
    }

    private Uni<List<Entry>> page(String condition, Object key, Instant before, UUID beforeId, int limit) {
        if ((before == null) != (beforeId == null)) {
            throw ProblemException.invalidField("before", "and beforeId come together: both from the last entry of the previous page");
        }
        String where = condition + (before == null ? "" : " and (at, id) < (:before, :beforeId)");
        return Panache.withSession(() -> Panache.getSession().chain(session -> {
            Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery("select id, at, programme_id, service, actor,"
                            + " actor_kind, subject, what, object_id, reason from access_log where " + where
                            + " order by at desc, id desc limit :limit", Object[].class)
                    .setParameter("key", key)
                    .setParameter("limit", limit);
            if (before != null) {
                query.setParameter("before", before).setParameter("beforeId", beforeId);
            }
            return query.getResultList().map(rows -> rows.stream().map(AccessLog::entry).toList());
        }));
    }

    private static Entry entry(Object[] r) {
        Object at = r[1];
        Instant instant = at instanceof Instant i ? i : at instanceof java.time.OffsetDateTime o ? o.toInstant()
                : ((java.sql.Timestamp) at).toInstant();
        return new Entry((UUID) r[0], instant, (UUID) r[2], (String) r[3], (String) r[4], (String) r[5], (String) r[6],
                (String) r[7], (String) r[8], (String) r[9]);
    }

    /** The reason to record (null when none is asked), or the failure that the programme's admin access calls for. */
    private String allowed(UUID programmeId, String access) {
        if (ProgrammeV1.Team.DISABLED.equals(access)) {
            throw new ProblemException(ProblemType.ADMIN_ACCESS_DISABLED, "Programme " + programmeId + " does not let its admins or HR systems read its participants' personal"
                            + " data (its admin access is DISABLED); its owners can change that on the programme's team.");
        }
        String reason = reason();
        if (ProgrammeV1.Team.AUDITED.equals(access) && reason == null) {
            throw new ProblemException(ProblemType.ACCESS_REASON_REQUIRED, "Programme " + programmeId + " audits its admins' access: say why you read this person's data in the "
                            + REASON_HEADER + " header (up to " + MAX_REASON + " characters). The reason is recorded with"
                            + " the read and shown to the people concerned.");
        }
        return reason;
    }

    private String reason() {
        String raw = request.getCurrent() == null ? null : request.getCurrent().request().getHeader(REASON_HEADER);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String reason = raw.strip();
        if (reason.length() > MAX_REASON) {
            throw ProblemException.invalidField(REASON_HEADER, "is longer than " + MAX_REASON + " characters");
        }
        return reason;
    }

    private boolean recordedCaller() {
        return caller.isAdmin() || caller.hasRole(Caller.HR_INTEGRATION) || caller.isPlatformAdmin();
    }

    private Set<String> othersThanCaller(Collection<String> subjects) {
        Set<String> others = new LinkedHashSet<>();
        String me = caller.subject();
        for (String s : subjects) {
            if (s != null && !s.equals(me)) {
                others.add(s);
            }
        }
        return others;
    }

    private record Row(UUID programmeId, String subject, String what, String objectId, String reason, Instant at) {
    }

    /** Rows written by one statement: a run's result names up to a whole pool. */
    static final int ROWS_PER_STATEMENT = 500;

    private Uni<Void> insert(List<Row> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String actor = caller.subject();
        String kind = caller.hasRole(Caller.HR_INTEGRATION) && !caller.isAdmin() ? HR_SYSTEM : ADMIN;
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
                List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
                chain = chain.chain(() -> insertChunk(session, chunk, actor, kind));
            }
            return chain;
        }));
    }

    private Uni<Void> insertChunk(Mutiny.Session session, List<Row> chunk, String actor, String kind) {
        StringBuilder sql = new StringBuilder("insert into access_log (id, programme_id, at, actor, actor_kind, subject, what,"
                + " object_id, reason, service) values ");
        for (int i = 0; i < chunk.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:id").append(i).append(", :programme").append(i).append(", :at").append(i)
                    .append(", :actor, :kind, :subject").append(i).append(", :what").append(i).append(", :object").append(i)
                    .append(", :reason").append(i).append(", :service)");
        }
        Mutiny.MutationQuery insert = session.createNativeQuery(sql.toString())
                .setParameter("actor", actor)
                .setParameter("kind", kind)
                .setParameter("service", service);
        for (int i = 0; i < chunk.size(); i++) {
            Row row = chunk.get(i);
            insert.setParameter("id" + i, UUID.randomUUID())
                    .setParameter("programme" + i, row.programmeId())
                    .setParameter("at" + i, row.at())
                    .setParameter("subject" + i, row.subject())
                    .setParameter("what" + i, row.what())
                    .setParameter("object" + i, row.objectId())
                    .setParameter("reason" + i, row.reason());
        }
        return insert.executeUpdate().replaceWithVoid();
    }
}
