package org.mentoring.platform.outbox;

import org.mentoring.platform.config.OutboxConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.mentoring.contracts.events.CloudEvent;
import org.mentoring.platform.inbox.Failures;
import org.mentoring.platform.work.BackgroundWork;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves outbox rows to Kafka, in the order they were written.
 * <ul>
 *   <li><b>Two lanes, so that a big transaction does not hold back the ones after it.</b> The database puts a
 *   transaction's first {@value #REGULAR_PER_TRANSACTION} rows in the regular lane and the rest in the bulk lane (an HR
 *   import of a thousand people, a matching run's proposals); each lane is relayed on its own, oldest first, so the
 *   events of a request written during an import go out within milliseconds instead of after the import's
 *   thousands. One aggregate's events never pass each other: a row waits while an earlier row of its topic and key
 *   waits in the other lane.</li>
 *   <li><b>One relay at a time per service and lane.</b> Each tick takes the lane's transaction-level advisory lock
 *   first; with several replicas only one of them relays a lane while the others skip the tick. That keeps the
 *   per-key order that consumers rely on (two replicas sending consecutive batches side by side could swap two events
 *   of one aggregate).</li>
 *   <li><b>Marked published only after the broker acknowledged.</b> Rows are marked in the transaction that read them;
 *   after a crash between the acknowledgement and the commit a row is sent again (consumers are idempotent).</li>
 *   <li><b>Broker away</b> (a retriable Kafka error or a timeout): the tick stops at that row and the next tick tries
 *   again. Nothing is counted against the row; writes go on filling the outbox meanwhile.</li>
 *   <li><b>A row the broker refuses for itself</b> (too large, invalid topic): the row is retried with exponential
 *   backoff and, after {@code mentoring.outbox.max-attempts}, quarantined ({@code mentoring_outbox_quarantined} and an
 *   error log). While a row waits, later rows with the same topic and key wait too; rows of other keys go on.</li>
 * </ul>
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock id of the regular lane's relay, the same in every service (each has its own database). */
    static final long RELAY_LOCK = 0x6d656e746f72L;
    /** How many of a transaction's rows go in the regular lane (the database's trigger {@code outbox_event_lane}). */
    public static final int REGULAR_PER_TRANSACTION = 20;

    /** The two lanes of the outbox, each relayed on its own, oldest row first. */
    public enum Lane {
        /** A transaction's first {@value OutboxRelay#REGULAR_PER_TRANSACTION} events: all that a request or a consumed event writes. */
        REGULAR(RELAY_LOCK),
        /** A transaction's events after those: imports, a matching run's proposals. */
        BULK(RELAY_LOCK + 1);

        final long lock;

        Lane(long lock) {
            this.lock = lock;
        }
    }

    /** A lane's relay: its batch size, running now, and woken while it ran. */
    private static final class LaneState {
        final int batchSize;
        final AtomicBoolean running = new AtomicBoolean();
        /** A wake-up came while a run was under way: run once more when it ends, so no committed event waits for a poll. */
        final AtomicBoolean again = new AtomicBoolean();

        LaneState(int batchSize) {
            this.batchSize = batchSize;
        }
    }

    private final MutinyEmitter<String> emitter;
    private final MeterRegistry registry;
    private final Duration pollInterval;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Map<Lane, LaneState> lanes;
    private BackgroundWork background;
    private long timerId;

    public OutboxRelay(@Channel("outbox") MutinyEmitter<String> emitter, MeterRegistry registry, OutboxConfig config) {
        this.emitter = emitter;
        this.registry = registry;
        this.lanes = new EnumMap<>(Map.of(Lane.REGULAR, new LaneState(config.batchSize()),
                Lane.BULK, new LaneState(config.bulkBatchSize())));
        this.pollInterval = config.pollInterval();
        this.maxAttempts = config.maxAttempts();
        this.initialBackoff = config.initialBackoff();
        this.maxBackoff = config.maxBackoff();
    }

    /**
     * Polls on a Vert.x timer rather than the Quarkus scheduler, whose simple implementation cannot go
     * below one second; a tick is skipped while the previous one still runs. Between ticks, {@link OutboxWakeUp}
     * wakes the relay when events were committed.
     */
    void start(@Observes StartupEvent startup, Vertx vertx, BackgroundWork background) {
        this.background = background;
        timerId = vertx.setPeriodic(pollInterval.toMillis(), id -> {
            run(Lane.REGULAR, false);
            run(Lane.BULK, false);
        });
    }

    /** Relays {@code lane} now: events of it were committed. */
    void wake(Lane lane) {
        run(lane, true);
    }

    private void run(Lane lane, boolean woken) {
        if (background == null) {
            return; // not started yet: the first tick will find the rows
        }
        LaneState state = lanes.get(lane);
        if (state.running.compareAndSet(false, true)) {
            state.again.set(false);
            background.submit("Outbox relay (will retry)", () -> relayUntilDrained(lane), () -> {
                state.running.set(false);
                if (state.again.getAndSet(false)) {
                    run(lane, true);
                }
            });
        } else if (woken) {
            state.again.set(true);
        }
    }

    void stop(@Observes ShutdownEvent shutdown, Vertx vertx) {
        vertx.cancelTimer(timerId);
    }

    private Uni<Integer> relayUntilDrained(Lane lane) {
        return relayBatch(lane).chain(batch -> {
            if (lane == Lane.BULK && batch.published() > 0) {
                run(Lane.REGULAR, true); // regular rows of these keys may have waited for them
            }
            return batch.full() && !batch.stopped()
                    ? relayUntilDrained(lane).map(more -> batch.published() + more)
                    : Uni.createFrom().item(batch.published());
        });
    }

    /** What one batch did. */
    public record Batch(int published, boolean full, boolean stopped) {
    }

    /**
     * A lane's rows to send next, oldest first: not sent, not quarantined, not waiting for a retry, and not behind an
     * earlier row of their topic and key that waits for one or waits in the other lane. HQL, not SQL: Hibernate plans
     * it once, where it plans a native select again at every execution and adds each plan to its cache (see
     * {@code PlanCacheTest}).
     */
    public static final String NEXT_BATCH = "from OutboxEvent o where o.publishedAt is null and o.quarantinedAt is null"
            + " and o.bulk = :bulk and (o.nextAttemptAt is null or o.nextAttemptAt <= current_timestamp)"
            + " and not exists (select 1 from OutboxEvent w where w.publishedAt is null and w.quarantinedAt is null"
            + " and w.topic = o.topic and w.key = o.key"
            + " and (w.createdAt < o.createdAt or (w.createdAt = o.createdAt and w.id < o.id))"
            + " and (w.nextAttemptAt > current_timestamp or w.bulk <> o.bulk))"
            + " order by o.createdAt, o.id";

    /** Relays one batch of {@code lane} in order of creation. */
    public Uni<Batch> relayBatch(Lane lane) {
        int size = lanes.get(lane).batchSize;
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select pg_try_advisory_xact_lock(:lock)", Boolean.class)
                .setParameter("lock", lane.lock)
                .getSingleResult()
                .chain(locked -> !locked ? Uni.createFrom().item(new Batch(0, false, true)) : session
                        .createSelectionQuery(NEXT_BATCH, OutboxEvent.class)
                        .setParameter("bulk", lane == Lane.BULK)
                        .setMaxResults(size)
                        .getResultList()
                        .chain(rows -> send(rows)
                                .map(result -> new Batch(result.published(), rows.size() == size, result.stopped()))))));
    }

    private record Progress(int published, boolean stopped) {
    }

    /**
     * Sends the batch as one chain per topic and key: the chains run side by side, and within a chain a row goes only
     * once the broker has acknowledged the one before it, so two rows of one key are never in flight together and each
     * key's order is kept whatever the producer retries. A batch of many keys thus takes about as many broker round
     * trips as its longest chain, not one per row: an import of a thousand people, two events each, goes out in two.
     * A broker that is away stops that chain (its rows wait for the next tick) and marks the batch stopped; a refused
     * row holds the rest of its key's chain. The acknowledged rows are marked at the end, in the batch's transaction.
     */
    private Uni<Progress> send(List<OutboxEvent> rows) {
        Map<String, List<OutboxEvent>> chains = new LinkedHashMap<>();
        for (OutboxEvent row : rows) {
            chains.computeIfAbsent(keyOf(row), k -> new ArrayList<>()).add(row);
        }
        List<OutboxEvent> acknowledged = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stopped = new AtomicBoolean();
        List<Uni<Void>> running = chains.values().stream().map(chain -> sendChain(chain, 0, acknowledged, stopped)).toList();
        Uni<Void> all = running.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(running).andFailFast().replaceWithVoid();
        return all.chain(() -> {
            List<UUID> published = new ArrayList<>();
            List<UUID> erased = new ArrayList<>();
            synchronized (acknowledged) {
                // it mentions an erased person: it goes as soon as the broker has it
                acknowledged.forEach(row -> (row.eraseWhenPublished ? erased : published).add(row.id));
            }
            return markPublished(published, erased).map(ignored -> new Progress(published.size() + erased.size(), stopped.get()));
        });
    }

    /** Sends chain[index..] one row after the other; stops at a refused row or when the broker is away. */
    private Uni<Void> sendChain(List<OutboxEvent> chain, int index, List<OutboxEvent> acknowledged, AtomicBoolean stopped) {
        if (index == chain.size()) {
            return Uni.createFrom().voidItem();
        }
        OutboxEvent row = chain.get(index);
        return sendOne(row).chain(result -> {
            if (result == null) {
                stopped.set(true);
                return Uni.createFrom().voidItem();
            }
            if (!result) {
                return Uni.createFrom().voidItem(); // refused: the key's later rows wait for its retry
            }
            acknowledged.add(row);
            return sendChain(chain, index + 1, acknowledged, stopped);
        });
    }

    /**
     * Marks a batch's acknowledged rows with one statement each for the published and the erased ones, not one per
     * row: under load every round trip waits behind the service's requests. {@code clock_timestamp()} is the time of
     * marking, right after the acknowledgement, not the transaction's start.
     */
    private static Uni<Void> markPublished(List<UUID> acknowledged, List<UUID> erased) {
        Uni<Void> marked = acknowledged.isEmpty() ? Uni.createFrom().voidItem() : Panache.getSession().chain(session -> session
                .createNativeQuery("update outbox_event set published_at = clock_timestamp() where id in (:ids)")
                .setParameter("ids", acknowledged)
                .executeUpdate()).replaceWithVoid();
        return erased.isEmpty() ? marked : marked.chain(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("delete from outbox_event where id in (:ids)")
                .setParameter("ids", erased)
                .executeUpdate()).replaceWithVoid());
    }

    private static String keyOf(OutboxEvent row) {
        return row.topic + "\u0000" + row.key;
    }

    /** true: the broker acknowledged it; false: the broker refused it (counted); null: the broker is away. */
    private Uni<Boolean> sendOne(OutboxEvent row) {
        return emitter.sendMessage(toMessage(row))
                .map(ignored -> true)
                .onFailure().recoverWithItem(failure -> {
                    if (brokerAway(failure)) {
                        LOG.debugf("Kafka unavailable, outbox row %s waits: %s", row.id, Failures.describe(failure));
                        return null;
                    }
                    refused(row, failure);
                    return false;
                });
    }

    /** The broker or the network is the problem, not this record: wait for the next tick, count nothing. */
    private static boolean brokerAway(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.RetriableException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof org.apache.kafka.common.errors.InterruptException) {
                return true;
            }
        }
        return false;
    }

    private void refused(OutboxEvent row, Throwable failure) {
        row.attempts++;
        row.lastError = Failures.describe(failure);
        Counter.builder("mentoring.outbox.refused").description("Outbox rows the broker refused, per attempt")
                .tag("topic", row.topic).register(registry).increment();
        if (row.attempts >= maxAttempts) {
            row.quarantinedAt = Instant.now();
            row.nextAttemptAt = null;
            LOG.errorf("Outbox row %s (event type %s, key %s) quarantined after %d refused attempts: %s",
                    row.id, row.type, row.key, row.attempts, row.lastError);
        } else {
            long delay = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(row.attempts - 1, 20));
            row.nextAttemptAt = Instant.now().plusMillis(delay);
            LOG.warnf("Broker refused outbox row %s (event type %s), attempt %d, next in %d ms: %s",
                    row.id, row.type, row.attempts, delay, row.lastError);
        }
    }

    private static Message<String> toMessage(OutboxEvent row) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return Message.of(row.payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic)
                .withKey(row.key)
                .withHeaders(headers)
                .build());
    }
}
