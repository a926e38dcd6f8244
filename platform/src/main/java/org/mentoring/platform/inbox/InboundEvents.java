package org.mentoring.platform.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.mentoring.platform.work.Pause;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The way every incoming record is applied. The offset of a record is committed only after this returns
 * successfully (the connector's throttled commit strategy acknowledges in order), so:
 * <ul>
 *   <li>a transient failure (database away, connection closed, pool timeout, deadlock, serialization or
 *   optimistic-lock conflict, Kafka send failure) is retried with exponential backoff <em>until it
 *   succeeds</em>: the channel waits, nothing is skipped, order is kept;</li>
 *   <li>a record that can never be applied ({@link PoisonEventException}: unparseable, not matching its
 *   contract, unknown version) fails at once and the connector moves it to the channel's dead-letter topic
 *   with the reason in its headers;</li>
 *   <li>any other failure is retried {@code mentoring.consumer.retry.max-unclassified-attempts} times and then
 *   dead-lettered too, so an unexpected bug stalls the channel for a bounded time only.</li>
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
    private final Map<String, AtomicInteger> retrying = new ConcurrentHashMap<>();

    public InboundEvents(Vertx vertx, ObjectMapper mapper, MeterRegistry registry,
                         @ConfigProperty(name = "mentoring.consumer.retry.initial-backoff", defaultValue = "100ms") Duration initialBackoff,
                         @ConfigProperty(name = "mentoring.consumer.retry.max-backoff", defaultValue = "10s") Duration maxBackoff,
                         @ConfigProperty(name = "mentoring.consumer.retry.max-unclassified-attempts", defaultValue = "8") int maxUnclassifiedAttempts) {
        this.vertx = vertx;
        this.mapper = mapper;
        this.registry = registry;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.maxUnclassifiedAttempts = maxUnclassifiedAttempts;
    }

    /**
     * Applies {@code record} with {@code handler}; the returned Uni fails only for a record that goes to the
     * dead-letter topic.
     */
    public Uni<Void> receive(String channel, ConsumerRecord<String, String> record, Function<String, Uni<Void>> handler) {
        String where = record.topic() + "/" + record.partition() + "@" + record.offset();
        return attempt(channel, where, record.value(), handler, 1, Vertx.currentContext());
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
