package org.mentoring.platform.idempotency;

import org.mentoring.platform.config.RetentionConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.security.Caller;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@code Idempotency-Key} rule for every POST that creates something or changes state: the first answer to a
 * key is stored in the same transaction as the change it made; a retry with the same key, path and body gets that
 * answer again (status, {@code Location}, {@code ETag}, body, plus {@code Idempotent-Replayed: true}) and changes
 * nothing; the same key with another path or body is refused with 422. Keys are scoped per operation and per caller
 * and are kept for {@code mentoring.retention.idempotency-keys} (24 hours by default): an older record is ignored
 * and purged every {@code mentoring.retention.purge-every}. A request that failed stores nothing, so its retry runs again.
 * <p>
 * Two requests with one key never both run: the first claims the key with an insert into
 * {@code idempotency_record}, whose primary key makes the second wait until the first commits (it then replays
 * that answer) or rolls back (it then runs itself).
 * <p>
 * A resource uses it in one statement:
 * <pre>{@code
 * return idempotency.once("programmes.create", key, request)
 *         .work(() -> service.create(request, caller.subject()))
 *         .answer(p -> Response.created(...).entity(ProgrammeView.of(p)).build());
 * }</pre>
 * The work joins the transaction of the key; the session is flushed before {@code answer} runs, so versions and
 * generated values in the answer are the stored ones.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);
    private static final int UNANSWERED = 0;
    private static final int PURGE_CHUNK = 5000;

    private final ObjectMapper mapper;
    private final Caller caller;
    private final HttpServerRequest http;
    private final Pool pool;
    private final Duration retention;

    public IdempotencyKeys(ObjectMapper mapper, Caller caller, HttpServerRequest http, Pool pool, RetentionConfig retention) {
        this.mapper = mapper;
        this.caller = caller;
        this.http = http;
        this.pool = pool;
        this.retention = retention.idempotencyKeys();
    }

    /**
     * Starts an idempotent request of {@code operation} (a stable name such as {@code meetings.schedule}), sent with
     * {@code key} (the header's value, possibly null) and {@code body} (the request's body as read, or null).
     */
    public Request once(String operation, String key, Object body) {
        return new Request(operation, key, body);
    }

    /** Whether this answer is a replay of a stored one rather than a fresh one. */
    public static boolean isReplay(Response response) {
        return "true".equals(response.getHeaderString(REPLAYED));
    }

    /** Deletes the records older than the retention; every replica may run it, it is idempotent. */
    @Scheduled(every = "${mentoring.retention.purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPurge() {
        return purge()
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("Purged %d idempotency records older than %s", n, retention);
                    }
                })
                .onFailure().invoke(f -> LOG.warnf("Purge of idempotency records failed, will try again: %s", f.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Deletes the records older than the retention, in chunks; answers how many. */
    public Uni<Long> purge() {
        return purge(OffsetDateTime.now(ZoneOffset.UTC).minus(retention), 0);
    }

    private Uni<Long> purge(OffsetDateTime before, long sofar) {
        return pool.preparedQuery("delete from idempotency_record where ctid in (select ctid from idempotency_record"
                        + " where created_at < $1 limit " + PURGE_CHUNK + ")")
                .execute(Tuple.of(before))
                .chain(rows -> rows.rowCount() < PURGE_CHUNK ? Uni.createFrom().item(sofar + rows.rowCount())
                        : purge(before, sofar + rows.rowCount()));
    }

    /**
     * Forgets the stored requests of an erased person, in the transaction of the erasure: every record that
     * {@code subject} sent, and every record whose stored answer mentions one of {@code mentions} (their subject, the
     * ids of what was theirs), whoever sent it (an admin's decision on their application, the other party's answer to
     * their proposal). Records are deleted, not emptied: a retry of one of those requests runs again like a new one,
     * which for a changed state answers as the state now is. Answers how many records went.
     */
    public Uni<Integer> forget(String subject, Collection<String> mentions) {
        String[] needles = mentions.stream().filter(m -> m != null && !m.isBlank()).distinct().toArray(String[]::new);
        return Panache.getSession().chain(session -> session.flush()
                .chain(() -> session.createNativeQuery("delete from idempotency_record where caller = :subject"
                                + " or (body is not null and exists (select 1 from unnest(cast(:needles as text[])) n"
                                + " where strpos(body, n) > 0))")
                        .setParameter("subject", subject).setParameter("needles", needles)
                        .executeUpdate()));
    }

    /** An idempotent request being described: its key, what it does. */
    public final class Request {

        private final String operation;
        private final String key;
        private final Object body;
        private boolean required;

        private Request(String operation, String key, Object body) {
            this.operation = operation;
            this.key = key;
            this.body = body;
        }

        /** Refuses the request with 400 when it has no key (default: without a key the work simply runs). */
        public Request required() {
            this.required = true;
            return this;
        }

        /** What the request does: typically one service call, which may run in its own transaction. */
        public <T> Work<T> work(Supplier<Uni<T>> work) {
            return new Work<>(this, work);
        }
    }

    /** The work of an idempotent request, and what to answer. */
    public final class Work<T> {

        private final Request request;
        private final Supplier<Uni<T>> work;
        private Consumer<T> afterCommit;
        private Function<Response, Uni<Response>> rebuild;
        private boolean notKept;

        private Work(Request request, Supplier<Uni<T>> work) {
            this.request = request;
            this.work = work;
        }

        /** Something to start once the change is committed (not on a replay), e.g. background work that reads it. */
        public Work<T> afterCommit(Consumer<T> step) {
            this.afterCommit = step;
            return this;
        }

        /**
         * Does not store the answer's body (it holds something that must not lie in clear text, such as a private
         * note); a replay gets the stored status and headers and {@code rebuild} reads the body again.
         */
        public Work<T> bodyNotStored(Function<Response, Uni<Response>> rebuild) {
            this.rebuild = rebuild;
            return this;
        }

        /**
         * Keeps nothing of the request once it is done (an erasure, whose record would name the erased person): the
         * key still makes a concurrent copy wait for the first, but the record goes with the first's commit, so a
         * later retry runs again and answers as the state then is.
         */
        public Work<T> notKept() {
            this.notKept = true;
            return this;
        }

        /** Runs the work once per key and answers; a retry with the key gets the first answer again. */
        public Uni<Response> answer(Function<T, Response> answer) {
            return Uni.createFrom().deferred(() -> run(this, answer));
        }
    }

    private <T> Uni<Response> run(Work<T> w, Function<T, Response> answer) {
        Request r = w.request;
        if (r.key == null || r.key.isBlank()) {
            if (r.required) {
                throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REQUIRED, "Send an Idempotency-Key header (for example a UUID) so that a retried request is applied once.");
            }
            return w.work.get().map(t -> {
                if (w.afterCommit != null) {
                    w.afterCommit.accept(t);
                }
                return answer.apply(t);
            });
        }
        if (r.key.length() > 200 || !r.key.chars().allMatch(c -> c > 32 && c < 127)) {
            throw ProblemException.invalidField(HEADER, "must be 1 to 200 visible ASCII characters");
        }
        Record id = new Record(r.operation, caller.subject(), r.key);
        String hash = hash(r.body);
        Fresh<T> fresh = new Fresh<>();
        return Panache.withTransaction(() -> claim(id, hash).chain(claimed -> claimed
                        ? w.work.get()
                                .call(t -> Panache.getSession().chain(Mutiny.Session::flush))
                                .map(t -> {
                                    fresh.value = t;
                                    fresh.set = true;
                                    return answer.apply(t);
                                })
                                .call(response -> w.notKept ? drop(id) : store(id, response, w.rebuild == null))
                        : replay(id, hash)))
                .chain(response -> {
                    if (fresh.set) {
                        if (w.afterCommit != null) {
                            w.afterCommit.accept(fresh.value);
                        }
                        return Uni.createFrom().item(response);
                    }
                    return w.rebuild == null ? Uni.createFrom().item(response) : w.rebuild.apply(response);
                });
    }

    private record Record(String scope, String caller, String key) {
    }

    private static final class Fresh<T> {
        T value;
        boolean set;
    }

    /**
     * Claims the key: inserts the record, or takes over one that expired. When another transaction holds the key,
     * the insert waits for it to end. True if claimed, false if a live record exists (committed by someone else).
     */
    private Uni<Boolean> claim(Record id, String hash) {
        Instant now = Instant.now();
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("insert into idempotency_record (scope, caller, idem_key, request_hash, status, created_at)"
                                + " values (:scope, :caller, :key, :hash, :unanswered, :now)"
                                + " on conflict (scope, caller, idem_key) do update set request_hash = excluded.request_hash,"
                                + " status = excluded.status, body = null, content_type = null, location = null, etag = null,"
                                + " created_at = excluded.created_at"
                                + " where idempotency_record.created_at < :expired")
                        .setParameter("scope", id.scope()).setParameter("caller", id.caller()).setParameter("key", id.key())
                        .setParameter("hash", hash).setParameter("unanswered", UNANSWERED).setParameter("now", now)
                        .setParameter("expired", now.minus(retention))
                        .executeUpdate())
                .map(rows -> rows > 0)
                .onFailure(IdempotencyKeys::isLockTimeout).transform(failure -> inUse(id.key()));
    }

    private Uni<Response> replay(Record id, String hash) {
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("select request_hash, status, body, content_type, location, etag from idempotency_record"
                                + " where scope = :scope and caller = :caller and idem_key = :key", Object[].class)
                        .setParameter("scope", id.scope()).setParameter("caller", id.caller()).setParameter("key", id.key())
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty() || ((Number) rows.get(0)[1]).intValue() == UNANSWERED) {
                        throw inUse(id.key()); // purged or not answered in between: rare, and a retry settles it
                    }
                    return replayOf(rows.get(0), hash, id.key());
                });
    }

    private static Response replayOf(Object[] row, String hash, String key) {
        if (!hash.equals(row[0])) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED, "The Idempotency-Key " + key + " was already used with a different request; use a new key for a new request.");
        }
        Response.ResponseBuilder replay = Response.status(((Number) row[1]).intValue()).header(REPLAYED, "true");
        if (row[2] != null) {
            replay.entity(row[2]).type(row[3] != null ? row[3].toString() : MediaType.APPLICATION_JSON);
        }
        if (row[4] != null) {
            replay.header(HttpHeaders.LOCATION, row[4]);
        }
        if (row[5] != null) {
            replay.header(HttpHeaders.ETAG, row[5]);
        }
        return replay.build();
    }

    private Uni<Integer> store(Record id, Response response, boolean withBody) {
        String body = null;
        String type = null;
        if (withBody && response.getEntity() != null) {
            try {
                body = response.getEntity() instanceof String s ? s : mapper.writeValueAsString(response.getEntity());
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(e);
            }
            type = response.getMediaType() != null ? response.getMediaType().toString() : MediaType.APPLICATION_JSON;
        }
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        Object etag = response.getHeaders().getFirst(HttpHeaders.ETAG);
        String storedBody = body;
        String storedType = type;
        return Panache.getSession().chain(session -> session
                .createNativeQuery("update idempotency_record set status = :status, body = :body, content_type = :type,"
                        + " location = :location, etag = :etag where scope = :scope and caller = :caller and idem_key = :key")
                .setParameter("status", response.getStatus()).setParameter("body", storedBody).setParameter("type", storedType)
                .setParameter("location", location == null ? null : location.toString())
                .setParameter("etag", etag == null ? null : etag.toString())
                .setParameter("scope", id.scope()).setParameter("caller", id.caller()).setParameter("key", id.key())
                .executeUpdate());
    }

    private Uni<Integer> drop(Record id) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("delete from idempotency_record where scope = :scope and caller = :caller and idem_key = :key")
                .setParameter("scope", id.scope()).setParameter("caller", id.caller()).setParameter("key", id.key())
                .executeUpdate());
    }

    /** The request's fingerprint: method, path (with its ids) and body. */
    private String hash(Object body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String query = http.query();
            digest.update((http.method().name() + " " + http.path() + (query == null ? "" : "?" + query) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(body instanceof byte[] b ? b
                    : body instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
                    : mapper.writeValueAsBytes(body));
            return HexFormat.of().formatHex(digest.digest());
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash the request", e);
        }
    }

    private static ProblemException inUse(String key) {
        return new ProblemException(ProblemType.IDEMPOTENCY_KEY_IN_USE, "A request with the Idempotency-Key " + key + " is being processed; retry it in a moment to get its answer.");
    }

    /** PostgreSQL's lock_not_available, should a lock_timeout be configured: the key's first request is still running. */
    private static boolean isLockTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof io.vertx.pgclient.PgException pg && "55P03".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
