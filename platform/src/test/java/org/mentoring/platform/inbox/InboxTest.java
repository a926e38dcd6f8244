package org.mentoring.platform.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.CloudEvent;
import org.mentoring.testsupport.PostgresKafkaResource;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The way a service applies incoming records, against a real PostgreSQL: a redelivered event changes nothing, an
 * effect that fails rolls back with its processed-event record and is retried, and a record that keeps failing, or
 * can never be read, is handed to the dead-letter topic (nacked) instead of stalling its key. The test's
 * configuration allows 4 unclassified attempts with millisecond backoff.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class InboxTest {

    private static final String CONSUMER = "platform-test";
    private static final int MAX_UNCLASSIFIED_ATTEMPTS = 4;

    @Inject
    InboundEvents inbound;

    @Inject
    IdempotentConsumer idempotent;

    private static Connection database() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    @BeforeAll
    static void effectTable() throws SQLException {
        try (Connection db = database(); var create = db.createStatement()) {
            create.execute("create table if not exists inbox_test_effect (event_id uuid not null, applied_at timestamptz not null default now())");
        }
    }

    private static int count(String sql, UUID eventId) throws SQLException {
        try (Connection db = database(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setObject(1, eventId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static int effects(UUID eventId) throws SQLException {
        return count("select count(*) from inbox_test_effect where event_id = ?", eventId);
    }

    private static int processed(UUID eventId) throws SQLException {
        return count("select count(*) from processed_event where consumer = '" + CONSUMER + "' and event_id = ?", eventId);
    }

    private static String event(UUID id) {
        return """
                {"specversion":"1.0","id":"%s","source":"/mentoring/test","type":"mentoring.test.happened.v1",
                 "subject":"subject-1","time":"%s","datacontenttype":"application/json","data":{"n":1}}
                """.formatted(id, Instant.now());
    }

    /** The effect of an event, in the transaction of its processed-event record. */
    private static Uni<Void> recordEffect(CloudEvent event) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into inbox_test_effect (event_id) values (:id)")
                .setParameter("id", event.id())
                .executeUpdate()).replaceWithVoid();
    }

    /** A record as the Kafka connector hands it over; remembers whether it was acked or nacked, and why. */
    static final class Delivery {
        final CompletableFuture<Throwable> settled = new CompletableFuture<>();
        final AtomicInteger acks = new AtomicInteger();
        final AtomicInteger nacks = new AtomicInteger();
        final KafkaRecord<String, String> record;

        @SuppressWarnings("unchecked")
        Delivery(String key, String payload) {
            record = (KafkaRecord<String, String>) Proxy.newProxyInstance(InboxTest.class.getClassLoader(),
                    new Class<?>[]{KafkaRecord.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getKey" -> key;
                        case "getPayload" -> payload;
                        case "getTopic" -> "mentoring.test.v1";
                        case "getPartition" -> 0;
                        case "getMetadata" -> args == null || args.length == 0 ? Metadata.empty() : Optional.empty();
                        case "ack" -> {
                            acks.incrementAndGet();
                            settled.complete(null);
                            yield CompletableFuture.completedFuture(null);
                        }
                        case "nack" -> {
                            nacks.incrementAndGet();
                            settled.complete((Throwable) args[0]);
                            yield CompletableFuture.completedFuture(null);
                        }
                        case "toString" -> "record " + key;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.toString());
                    });
        }

        /** null when acked, the dead-letter reason when nacked. */
        Throwable outcome() throws Exception {
            return settled.get(30, TimeUnit.SECONDS);
        }
    }

    private Delivery deliver(String payload, Function<String, Uni<Void>> handler) {
        Delivery delivery = new Delivery("subject-1", payload);
        inbound.receive("platform-test", delivery.record, handler).await().atMost(Duration.ofSeconds(30));
        return delivery;
    }

    private Function<String, Uni<Void>> once(Function<CloudEvent, Uni<Void>> effect) {
        return payload -> idempotent.once(CONSUMER, idempotent.parse(payload), effect);
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() throws Exception {
        UUID id = UUID.randomUUID();
        AtomicInteger applied = new AtomicInteger();
        Function<String, Uni<Void>> handler = once(event -> {
            applied.incrementAndGet();
            return recordEffect(event);
        });

        Delivery first = deliver(event(id), handler);
        Delivery again = deliver(event(id), handler);

        assertThat(first.outcome()).isNull();
        assertThat(again.outcome()).isNull();
        assertThat(first.acks.get() + again.acks.get()).isEqualTo(2);
        assertThat(applied.get()).isEqualTo(1);
        assertThat(effects(id)).isEqualTo(1);
        assertThat(processed(id)).isEqualTo(1);
    }

    @Test
    void anEffectThatFailsRollsBackWithItsRecordAndIsAppliedOnTheRetry() throws Exception {
        UUID id = UUID.randomUUID();
        AtomicInteger attempts = new AtomicInteger();
        Delivery delivery = deliver(event(id), once(event -> recordEffect(event).chain(() -> attempts.incrementAndGet() == 1
                ? Uni.createFrom().failure(new IllegalStateException("the effect failed after writing"))
                : Uni.createFrom().voidItem())));

        assertThat(delivery.outcome()).isNull();
        assertThat(attempts.get()).isEqualTo(2);
        assertThat(effects(id)).as("the first attempt's write was rolled back").isEqualTo(1);
        assertThat(processed(id)).isEqualTo(1);
    }

    @Test
    void aHandlerThatKeepsFailingIsRetriedThenDeadLettered() throws Exception {
        UUID id = UUID.randomUUID();
        AtomicInteger attempts = new AtomicInteger();
        Delivery delivery = deliver(event(id), once(event -> recordEffect(event).chain(() -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(new IllegalStateException("a bug in the effect"));
        })));

        Throwable reason = delivery.outcome();
        assertThat(reason).isInstanceOf(InboundEvents.DeadLetterException.class)
                .hasMessage("event " + id + " failed " + MAX_UNCLASSIFIED_ATTEMPTS + " times: " + Failures.describe(reason.getCause()));
        assertThat(delivery.acks.get()).isZero();
        assertThat(delivery.nacks.get()).isEqualTo(1);
        assertThat(attempts.get()).isEqualTo(MAX_UNCLASSIFIED_ATTEMPTS);
        assertThat(effects(id)).isZero();
        assertThat(processed(id)).as("a redrive of the dead letter applies it").isZero();
    }

    @Test
    void aTransientFailureIsRetriedUntilItSucceedsBeyondTheAttemptsForOtherFailures() throws Exception {
        UUID id = UUID.randomUUID();
        AtomicInteger attempts = new AtomicInteger();
        int failures = MAX_UNCLASSIFIED_ATTEMPTS + 2;
        Delivery delivery = deliver(event(id), once(event -> attempts.incrementAndGet() <= failures
                ? Uni.createFrom().failure(new PgException("could not serialize access", "ERROR", "40001", null))
                : recordEffect(event)));

        assertThat(delivery.outcome()).isNull();
        assertThat(attempts.get()).isEqualTo(failures + 1);
        assertThat(effects(id)).isEqualTo(1);
    }

    @Test
    void aRecordThatIsNotACloudEventIsDeadLetteredAtOnce() throws Exception {
        AtomicInteger applied = new AtomicInteger();
        Delivery delivery = deliver("{\"not\": \"an event\"", once(event -> {
            applied.incrementAndGet();
            return Uni.createFrom().voidItem();
        }));

        Throwable reason = delivery.outcome();
        assertThat(reason).isInstanceOf(InboundEvents.DeadLetterException.class);
        assertThat(reason.getMessage()).startsWith("event unreadable poison record: ");
        assertThat(applied.get()).isZero();
        assertThat(delivery.nacks.get()).isEqualTo(1);
    }
}
