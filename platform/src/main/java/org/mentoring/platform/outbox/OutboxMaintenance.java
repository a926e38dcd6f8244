package org.mentoring.platform.outbox;

import org.mentoring.platform.config.RetentionConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mentoring.platform.work.ChunkedDelete;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches and trims the tables that exist only for delivery and deduplication.
 * <ul>
 *   <li>Gauges, refreshed every {@code mentoring.outbox.sample-every}: {@code mentoring_outbox_pending} (rows waiting
 *   for the broker), {@code mentoring_outbox_oldest_pending_seconds} (how long the oldest has waited: the alert for a
 *   broker outage or a stuck relay) and {@code mentoring_outbox_quarantined} (rows given up on: alert on &gt; 0).</li>
 *   <li>Purge, every {@code mentoring.retention.purge-every}: published outbox rows after
 *   {@code mentoring.retention.outbox} (default 7 days) and processed-event records after
 *   {@code mentoring.retention.processed-events} (default 35 days; keep it longer than the topics' retention, or a
 *   redelivered old event would be applied again). Quarantined rows are kept for an operator to look at.</li>
 * </ul>
 * Deleting is idempotent, so every replica may run it.
 */
@ApplicationScoped
public class OutboxMaintenance {

    private static final Logger LOG = Logger.getLogger(OutboxMaintenance.class);

    private final Duration outboxRetention;
    private final Duration processedRetention;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingSeconds = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();

    public OutboxMaintenance(MeterRegistry registry, RetentionConfig retention) {
        this.outboxRetention = retention.outbox();
        this.processedRetention = retention.processedEvents();
        Gauge.builder("mentoring.outbox.pending", pending, AtomicLong::get)
                .description("Outbox rows not yet published").register(registry);
        Gauge.builder("mentoring.outbox.oldest.pending.seconds", oldestPendingSeconds, AtomicLong::get)
                .description("Age of the oldest outbox row not yet published").register(registry);
        Gauge.builder("mentoring.outbox.quarantined", quarantined, AtomicLong::get)
                .description("Outbox rows given up on after repeated refusals").register(registry);
    }

    /** The figures the gauges show, read now. */
    public record Backlog(long pending, long oldestPendingSeconds, long quarantined) {
    }

    public Uni<Backlog> backlog() {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select count(*), coalesce(extract(epoch from now() - min(created_at)), 0)::bigint"
                        + " from outbox_event where published_at is null and quarantined_at is null", Object[].class)
                .getSingleResult()
                .chain(open -> session.createNativeQuery(
                                "select count(*) from outbox_event where quarantined_at is not null", Long.class)
                        .getSingleResult()
                        .map(q -> new Backlog(((Number) open[0]).longValue(), ((Number) open[1]).longValue(), q)))));
    }

    @Scheduled(every = "${mentoring.outbox.sample-every:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sample() {
        return backlog().invoke(b -> {
            pending.set(b.pending());
            oldestPendingSeconds.set(b.oldestPendingSeconds());
            quarantined.set(b.quarantined());
        }).onFailure().invoke(f -> LOG.debugf("Outbox figures not refreshed: %s", f.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    @Scheduled(every = "${mentoring.retention.purge-every:1h}", delayed = "${mentoring.retention.purge-delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPurge() {
        return purge().onFailure().invoke(f -> LOG.warnf("Purge failed, will try again: %s", f.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Deletes what is past its retention, in chunks; returns how many rows went. */
    public Uni<Long> purge() {
        Instant now = Instant.now();
        return ChunkedDelete.olderThan("delete from outbox_event where id in (select id from outbox_event"
                + " where published_at < :before limit " + ChunkedDelete.CHUNK + ")", now.minus(outboxRetention))
                .chain(outbox -> ChunkedDelete.olderThan("delete from processed_event where ctid in (select ctid from processed_event"
                        + " where processed_at < :before limit " + ChunkedDelete.CHUNK + ")", now.minus(processedRetention))
                        .map(processed -> {
                            if (outbox + processed > 0) {
                                LOG.infof("Purged %d published outbox rows and %d processed-event records", outbox, processed);
                            }
                            return outbox + processed;
                        }));
    }
}
