package org.mentoring.platform.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.mentoring.contracts.events.CloudEvent;
import org.mentoring.platform.work.BackgroundWork;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves outbox rows to Kafka. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several replicas
 * of a service can relay side by side without sending a row twice; a row is marked published only
 * after the broker acknowledged it, in the same transaction that claimed it. If Kafka is down the
 * transaction rolls back and the rows wait for the next tick: nothing is lost, at worst an event is
 * sent again after a crash between the acknowledgement and the commit (consumers are idempotent).
 */
@ApplicationScoped
public class OutboxRelay {

    private final MutinyEmitter<String> emitter;
    private final int batchSize;
    private final Duration pollInterval;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timerId;

    public OutboxRelay(@Channel("outbox") MutinyEmitter<String> emitter,
                       @ConfigProperty(name = "mentoring.outbox.batch-size", defaultValue = "100") int batchSize,
                       @ConfigProperty(name = "mentoring.outbox.poll-interval", defaultValue = "0.2s") Duration pollInterval) {
        this.emitter = emitter;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
    }

    /**
     * Polls on a Vert.x timer rather than the Quarkus scheduler, whose simple implementation cannot go
     * below one second; a tick is skipped while the previous one still runs.
     */
    void start(@Observes StartupEvent startup, Vertx vertx, BackgroundWork background) {
        timerId = vertx.setPeriodic(pollInterval.toMillis(), id -> {
            if (running.compareAndSet(false, true)) {
                background.submit("Outbox relay (will retry)", this::relayUntilDrained, () -> running.set(false));
            }
        });
    }

    void stop(@Observes ShutdownEvent shutdown, Vertx vertx) {
        vertx.cancelTimer(timerId);
    }

    private Uni<Integer> relayUntilDrained() {
        return relayBatch().chain(n -> n == batchSize ? relayUntilDrained().map(m -> n + m) : Uni.createFrom().item(n));
    }

    /** Relays one batch in order of creation; returns how many rows were published. */
    public Uni<Integer> relayBatch() {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select * from outbox_event where published_at is null"
                        + " order by created_at, id limit :limit for update skip locked", OutboxEvent.class)
                .setParameter("limit", batchSize)
                .getResultList()
                .chain(rows -> sendInOrder(rows).replaceWith(rows.size()))));
    }

    private Uni<Void> sendInOrder(List<OutboxEvent> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> emitter.sendMessage(toMessage(row))
                        .invoke(() -> row.publishedAt = now))
                .collect().last()
                .replaceWithVoid();
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
