package org.mentoring.platform.inbox;

import org.mentoring.platform.config.ConsumerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mentoring.platform.work.Pause;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The way every incoming record is applied.
 * <p>
 * <b>Side by side, in order per key.</b> A channel applies up to {@code mentoring.consumer.window} records at a time
 * ({@link KeyedWindow}): records of different keys side by side, those of one key (one application, one match, one
 * agreement) one after the other in the order of their partition. A consumer so keeps up when each record costs a few
 * database round trips, without more partitions or consumers. Each record is applied on a Vert.x context of its own
 * and acknowledged when it is done; the connector's throttled commit strategy commits a partition's offset only up
 * to the first record not yet done, so a restart re-delivers whatever was in flight, and the idempotent consumer
 * ({@link IdempotentConsumer}) skips what had already been applied. A window of 1 applies one record at a time.
 * <p>
 * <b>Failures.</b>
 * <ul>
 *   <li>a transient failure (database away, connection closed, pool timeout, deadlock, serialization or
 *   optimistic-lock conflict, Kafka send failure) is retried with exponential backoff <em>until it
 *   succeeds</em>: the records of its key wait, nothing is skipped, order is kept (while the database is away,
 *   the window fills with records in retry and the channel takes no more in);</li>
 *   <li>a record that can never be applied ({@link PoisonEventException}: unparseable, not matching its
 *   contract, unknown version) fails at once and the connector moves it to the channel's dead-letter topic
 *   with the reason in its headers;</li>
 *   <li>any other failure is retried {@code mentoring.consumer.retry.max-unclassified-attempts} times and then
 *   dead-lettered too, so an unexpected bug stalls its key for a bounded time only.</li>
 * </ul>
 * Each dead letter is logged with its event id and counted ({@code mentoring_consumer_dead_letters_total});
 * {@link DeadLetters} lists and re-drives them.
 */
@ApplicationScoped
public class InboundEvents {

    private static final Logger LOG = Logger.getLogger(InboundEvents.class);

    private final Vertx vertx;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final int maxUnclassifiedAttempts;
    private final int window;
    private final Map<String, AtomicInteger> retrying = new ConcurrentHashMap<>();
    private final Map<String, KeyedWindow> windows = new ConcurrentHashMap<>();

    public InboundEvents(Vertx vertx, ObjectMapper mapper, MeterRegistry registry, ConsumerConfig config) {
        this.vertx = vertx;
        this.mapper = mapper;
        this.registry = registry;
        this.initialBackoff = config.retry().initialBackoff();
        this.maxBackoff = config.retry().maxBackoff();
        this.maxUnclassifiedAttempts = config.retry().maxUnclassifiedAttempts();
        int window = config.window();
        if (window < 1) {
            throw new IllegalArgumentException("mentoring.consumer.window must be at least 1, not " + window);
        }
        this.window = window;
    }

    /**
     * Takes {@code record} into its channel's window and applies it there with {@code handler}, after every earlier
     * record of its key; the record is acknowledged once applied, or nacked (so the connector moves it to the
     * dead-letter topic) when it can never be. The returned Uni completes as soon as the record has its place in the
     * window: the connector then hands over the next one. Consumers call this from an {@code @Incoming} method that
     * takes the {@link KafkaRecord} and acknowledges manually.
     */
    public Uni<Void> receive(String channel, KafkaRecord<String, String> record, Function<String, Uni<Void>> handler) {
        String where = record.getTopic() + "/" + record.getPartition() + "@" + record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> Long.toString(metadata.getOffset())).orElse("?");
        // one key's records share a partition; records without a key (the outbox always sets one) are kept in order
        // among themselves per partition
        String key = record.getKey() != null ? "key:" + record.getKey() : "partition:" + record.getPartition();
        Context current = Vertx.currentContext();
        Context context = VertxContext.createNewDuplicatedContext(current != null ? current : vertx.getOrCreateContext());
        // a context of this record's own, which Hibernate Reactive may hold a session on
        VertxContextSafetyToggle.setContextSafe(context, true);
        KeyedWindow channelWindow = windows.computeIfAbsent(channel, this::newWindow);
        return Uni.createFrom().completionStage(() -> channelWindow.submit(key, () -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            context.runOnContext(ignored -> attempt(channel, where, record.getPayload(), handler, 1, context).subscribe().with(
                    applied -> settle(channel, where, () -> record.ack(), done),
                    deadLetter -> settle(channel, where, () -> record.nack(deadLetter), done)));
            return done;
        }));
    }

    /** Acks or nacks; whatever happens, the record's place in the window and its key are released. */
    private void settle(String channel, String where, java.util.function.Supplier<java.util.concurrent.CompletionStage<Void>> settle,
                        CompletableFuture<Void> done) {
        try {
            settle.get().whenComplete((x, failure) -> acknowledged(channel, where, failure, done));
        } catch (RuntimeException e) {
            acknowledged(channel, where, e, done);
        }
    }

    private void acknowledged(String channel, String where, Throwable failure, CompletableFuture<Void> done) {
        if (failure != null) {
            // the offset stays uncommitted: the record comes again after a restart or a rebalance, and is skipped
            // then if it had been applied
            LOG.warnf("Consumer %s could not acknowledge record %s: %s", channel, where, Failures.describe(failure));
        }
        done.complete(null);
    }

    private KeyedWindow newWindow(String channel) {
        KeyedWindow created = new KeyedWindow(window);
        Gauge.builder("mentoring.consumer.in.flight", created, KeyedWindow::inFlight)
                .description("Records a channel has taken in and not yet applied (its window: mentoring.consumer.window)")
                .tag("channel", channel).register(registry);
        return created;
    }

    private Uni<Void> attempt(String channel, String where, String payload, Function<String, Uni<Void>> handler,
                              int attempt, Context context) {
        return Uni.createFrom().deferred(() -> handler.apply(payload))
                .onItem().invoke(() -> {
                    if (attempt > 1) {
                        retryingNow(channel).decrementAndGet();
                        LOG.infof("Consumer %s applied record %s (event %s) after %d attempts", channel, where, eventId(payload), attempt);
                    }
                })
                .onFailure().recoverWithUni(failure -> {
                    boolean poison = Failures.isPoison(failure);
                    boolean transientFailure = !poison && Failures.isTransient(failure);
                    if (poison || (!transientFailure && attempt >= maxUnclassifiedAttempts)) {
                        if (attempt > 1) {
                            retryingNow(channel).decrementAndGet();
                        }
                        return Uni.createFrom().failure(deadLetter(channel, where, payload, failure, poison, attempt));
                    }
                    if (attempt == 1) {
                        retryingNow(channel).incrementAndGet();
                    }
                    Duration delay = backoff(attempt);
                    Counter.builder("mentoring.consumer.retries").description("Records applied again after a failure")
                            .tag("channel", channel).tag("transient", Boolean.toString(transientFailure))
                            .register(registry).increment();
                    if (attempt == 1 || attempt % 10 == 0) {
                        LOG.warnf("Consumer %s could not apply record %s (event %s), attempt %d, retrying in %d ms: %s",
                                channel, where, eventId(payload), attempt, delay.toMillis(), Failures.describe(failure));
                    }
                    return after(delay, context).chain(() -> attempt(channel, where, payload, handler, attempt + 1, context));
                });
    }

    private DeadLetterException deadLetter(String channel, String where, String payload, Throwable failure,
                                           boolean poison, int attempts) {
        String eventId = eventId(payload);
        String reason = (poison ? "poison record" : "failed " + attempts + " times") + ": " + Failures.describe(failure);
        Counter.builder("mentoring.consumer.dead.letters").description("Records moved to a dead-letter topic")
                .tag("channel", channel).tag("kind", poison ? "poison" : "exhausted")
                .register(registry).increment();
        LOG.errorf("Consumer %s dead-letters record %s (event %s): %s", channel, where, eventId, reason);
        return new DeadLetterException("event " + eventId + " " + reason, failure);
    }

    private AtomicInteger retryingNow(String channel) {
        return retrying.computeIfAbsent(channel, c -> registry.gauge("mentoring.consumer.retrying",
                io.micrometer.core.instrument.Tags.of("channel", c), new AtomicInteger()));
    }

    Duration backoff(int attempt) {
        long base = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, maxBackoff.toMillis());
        // +-20 % jitter, so replicas retrying against one recovering database do not knock in step
        long jitter = (long) (capped * 0.2 * (Math.random() * 2 - 1));
        return Duration.ofMillis(Math.max(1, capped + jitter));
    }

    /** Completes after {@code delay} on {@code context}, where Hibernate Reactive expects the work to go on. */
    private Uni<Void> after(Duration delay, Context context) {
        return Pause.of(vertx, delay, context);
    }

    /** The CloudEvent id of a payload, or "unreadable". */
    String eventId(String payload) {
        try {
            JsonNode id = payload == null ? null : mapper.readTree(payload).get("id");
            return id != null && id.isTextual() ? id.asText() : "unreadable";
        } catch (Exception e) {
            return "unreadable";
        }
    }

    /** Why a record went to the dead-letter topic; its message becomes the record's {@code dead-letter-reason}. */
    public static class DeadLetterException extends RuntimeException {
        DeadLetterException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
