package org.mentoring.platform.outbox;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.outbox.OutboxRelay.Lane;
import org.mentoring.testsupport.PostgresKafkaResource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The outbox relay against a real PostgreSQL and Kafka, driven as the replicas of a service drive it: several relays
 * on one outbox table, and a relay that dies in the middle of a batch. What consumers notice is checked on the topic:
 * every row arrives, in its key's order, and no row is published twice unless a relay died between sending it and
 * committing (then it comes again, after the rows it had already sent).
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class OutboxRelayTest {

    @Inject
    OutboxRelay relay;

    /** One batch of {@code lane}, as one replica's relay runs it, on a Vert.x context of its own. */
    private OutboxRelay.Batch relayOnce(Lane lane) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> relay.relayBatch(lane));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static Connection database() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    /** Creation times of the staged rows: one millisecond apart, across calls, so later calls stage later rows. */
    private static Instant clock = Instant.now().minusSeconds(3600);

    /**
     * Writes {@code count} rows for {@code topic}, key {@code keys[i % keys]}, payload {@code id key i}, in creation
     * order, all in one transaction as a service's import does (the rows after its first 20 go in the bulk lane).
     */
    private static List<UUID> stage(String topic, int count, String... keys) throws SQLException {
        return stage(true, topic, count, keys);
    }

    /** As {@link #stage(String, int, String...)}, each row in a transaction of its own (all in the regular lane). */
    private static List<UUID> stageEach(String topic, int count, String... keys) throws SQLException {
        return stage(false, topic, count, keys);
    }

    private static List<UUID> stage(boolean oneTransaction, String topic, int count, String... keys) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection db = database(); PreparedStatement insert = db.prepareStatement("insert into outbox_event"
                + " (id, topic, event_key, event_type, payload, created_at) values (?, ?, ?, 'mentoring.test.v1', ?, ?)")) {
            db.setAutoCommit(!oneTransaction);
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                String key = keys[i % keys.length];
                clock = clock.plusMillis(1);
                insert.setObject(1, id);
                insert.setString(2, topic);
                insert.setString(3, key);
                insert.setString(4, id + " " + key + " " + i);
                insert.setTimestamp(5, Timestamp.from(clock));
                insert.executeUpdate();
                ids.add(id);
            }
            if (oneTransaction) {
                db.commit();
            }
        }
        return ids;
    }

    /** Relays both lanes until every row of {@code topic} is published. */
    private void drain(String topic) throws SQLException {
        for (int guard = 0; unpublished(topic) > 0; guard++) {
            assertThat(guard).as("rows of %s left after %d rounds", topic, guard).isLessThan(1000);
            relayOnce(Lane.REGULAR);
            relayOnce(Lane.BULK);
        }
    }

    private static int unpublished(String topic) throws SQLException {
        try (Connection db = database(); PreparedStatement query = db.prepareStatement(
                "select count(*) from outbox_event where topic = ? and published_at is null")) {
            query.setString(1, topic);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** Records on {@code topic} so far. */
    private static long published(KafkaConsumer<String, String> consumer, String topic) {
        return consumer.endOffsets(partitions(consumer, topic)).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every record on {@code topic}, read up to the end: a relay marks a row only after the broker has it. */
    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("reading %s to its end", topic).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Per key, the sequence numbers in the order consumers of that key's partition read them. */
    private static Map<String, List<Integer>> sequencesByKey(List<ConsumerRecord<String, String>> records) {
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            String[] parts = record.value().split(" ");
            assertThat(parts[1]).as("record key is the row's key").isEqualTo(record.key());
            byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(Integer.parseInt(parts[2]));
        }
        return byKey;
    }

    private static List<Integer> expectedSequence(int count, int keys, int key) {
        List<Integer> expected = new ArrayList<>();
        for (int i = key; i < count; i += keys) {
            expected.add(i);
        }
        return expected;
    }

    @Test
    void twoRelaysRacingPublishEveryRowExactlyOnceInItsKeysOrder() throws Exception {
        String topic = "platform-test.race." + UUID.randomUUID();
        String[] keys = {"k0", "k1", "k2", "k3", "k4"};
        int count = 600;
        List<UUID> ids = stage(topic, count, keys);
        AtomicInteger turnedAway = new AtomicInteger();
        AtomicInteger[] publishedBy = {new AtomicInteger(), new AtomicInteger()};
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                int replica = r;
                running.add(replicas.submit(() -> {
                    start.await();
                    while (unpublished(topic) > 0) {
                        for (Lane lane : Lane.values()) {
                            OutboxRelay.Batch batch = relayOnce(lane);
                            publishedBy[replica].addAndGet(batch.published());
                            if (batch.stopped() && batch.published() == 0) {
                                turnedAway.incrementAndGet(); // the other relay held the lane's lock
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> replica : running) {
                replica.get(2, TimeUnit.MINUTES);
            }
        } finally {
            replicas.shutdownNow();
        }

        List<ConsumerRecord<String, String>> records = readAll(topic);
        assertThat(records).extracting(r -> UUID.fromString(r.value().split(" ")[0])).containsExactlyInAnyOrderElementsOf(ids);
        Map<String, List<Integer>> byKey = sequencesByKey(records);
        for (int k = 0; k < keys.length; k++) {
            assertThat(byKey.get(keys[k])).as("order of key %s", keys[k]).containsExactlyElementsOf(expectedSequence(count, keys.length, k));
        }
        assertThat(publishedBy[0].get() + publishedBy[1].get()).isEqualTo(count);
        assertThat(turnedAway.get()).as("the relays ran at the same time").isPositive();
    }

    @Test
    void aRelayThatDiesMidBatchLosesNothingAndTheNextOneKeepsTheOrder() throws Exception {
        String topic = "platform-test.crash." + UUID.randomUUID();
        // one key: the batch goes out one row at a time, so the relay is still sending when it is stopped
        String[] keys = {"a"};
        int count = 250;
        List<UUID> ids = stageEach(topic, count, keys);
        ExecutorService replica = Executors.newSingleThreadExecutor();
        try (Connection db = database(); KafkaConsumer<String, String> watcher = consumer()) {
            Future<OutboxRelay.Batch> dying = replica.submit(() -> relayOnce(Lane.REGULAR));
            // the relay holds its lock and the broker has part of its batch; its transaction has not committed
            int pid = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1)).until(() -> relayBackend(db), p -> p > 0);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1)).until(() -> published(watcher, topic) > 0);
            try (PreparedStatement kill = db.prepareStatement("select pg_terminate_backend(?)")) {
                kill.setInt(1, pid);
                kill.executeQuery();
            }
            assertThatThrownBy(() -> dying.get(1, TimeUnit.MINUTES)).as("the relay died before it committed").isNotNull();
        } finally {
            replica.shutdownNow();
        }
        long sentBeforeDying;
        try (KafkaConsumer<String, String> watcher = consumer()) {
            sentBeforeDying = published(watcher, topic);
        }
        assertThat(sentBeforeDying).as("the relay died midway").isBetween(1L, (long) count - 1);
        assertThat(unpublished(topic)).as("nothing the dead relay sent is marked").isEqualTo(count);

        // another relay (another replica, or this one's next tick) takes over
        drain(topic);

        assertThat(unpublished(topic)).isZero();
        List<ConsumerRecord<String, String>> records = readAll(topic);
        assertThat(records).hasSize((int) (count + sentBeforeDying));
        assertThat(records).extracting(r -> UUID.fromString(r.value().split(" ")[0])).containsAll(ids);
        Map<String, List<Integer>> byKey = sequencesByKey(records);
        for (int k = 0; k < keys.length; k++) {
            List<Integer> seen = byKey.get(keys[k]);
            List<Integer> all = expectedSequence(count, keys.length, k);
            // what the dead relay sent (a prefix of the key's rows), then every row again from the first, in order
            int resentFrom = seen.size() - all.size();
            assertThat(seen.subList(0, resentFrom)).as("sent before the relay died, key %s", keys[k])
                    .containsExactlyElementsOf(all.subList(0, resentFrom));
            assertThat(seen.subList(resentFrom, seen.size())).as("sent by the next relay, key %s", keys[k])
                    .containsExactlyElementsOf(all);
        }
    }

    @Test
    void aBigTransactionDoesNotHoldBackTheEventsWrittenAfterIt() throws Exception {
        String topic = "platform-test.lanes." + UUID.randomUUID();
        String[] people = new String[150];
        for (int i = 0; i < people.length; i++) {
            people[i] = "person-" + i;
        }
        // an import: two events for each of 150 people in one transaction
        List<UUID> imported = stage(topic, 300, people);
        // then a request's event, and a later event of a person whose earlier events are in the import's bulk lane
        UUID application = stageEach(topic, 1, "application-1").get(0);
        UUID edited = stageEach(topic, 1, "person-149").get(0);

        Map<UUID, Boolean> bulk = lanes(topic);
        assertThat(imported.subList(0, OutboxRelay.REGULAR_PER_TRANSACTION)).allSatisfy(id -> assertThat(bulk.get(id)).isFalse());
        assertThat(imported.subList(OutboxRelay.REGULAR_PER_TRANSACTION, imported.size())).allSatisfy(id -> assertThat(bulk.get(id)).isTrue());
        assertThat(bulk.get(application)).isFalse();
        assertThat(bulk.get(edited)).isFalse();

        // one batch of the regular lane: the import's first rows and the application, not the 280 rows before it
        OutboxRelay.Batch regular = relayOnce(Lane.REGULAR);
        assertThat(regular.published()).isEqualTo(OutboxRelay.REGULAR_PER_TRANSACTION + 1);
        assertThat(publishedIds(topic)).containsExactlyInAnyOrderElementsOf(
                concat(imported.subList(0, OutboxRelay.REGULAR_PER_TRANSACTION), List.of(application)));
        // the person's later event waits for their earlier ones in the bulk lane
        assertThat(relayOnce(Lane.REGULAR).published()).isZero();

        drain(topic);

        List<ConsumerRecord<String, String>> records = readAll(topic);
        assertThat(records).hasSize(302);
        Map<String, List<UUID>> expected = new LinkedHashMap<>();
        for (int i = 0; i < imported.size(); i++) {
            expected.computeIfAbsent(people[i % people.length], k -> new ArrayList<>()).add(imported.get(i));
        }
        expected.put("application-1", List.of(application));
        expected.get("person-149").add(edited);
        Map<String, List<UUID>> seen = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            seen.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(UUID.fromString(record.value().split(" ")[0]));
        }
        assertThat(seen).as("every row once, each key's rows in the order they were written").isEqualTo(expected);
    }

    private static List<UUID> concat(List<UUID> first, List<UUID> second) {
        List<UUID> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** Each row of {@code topic}: in the bulk lane or not. */
    private static Map<UUID, Boolean> lanes(String topic) throws SQLException {
        Map<UUID, Boolean> lanes = new HashMap<>();
        try (Connection db = database(); PreparedStatement query = db.prepareStatement("select id, bulk from outbox_event where topic = ?")) {
            query.setString(1, topic);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    lanes.put(rows.getObject(1, UUID.class), rows.getBoolean(2));
                }
            }
        }
        return lanes;
    }

    private static List<UUID> publishedIds(String topic) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection db = database(); PreparedStatement query = db.prepareStatement(
                "select id from outbox_event where topic = ? and published_at is not null")) {
            query.setString(1, topic);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    /** The backend that holds the relay's advisory lock, or 0. */
    private static int relayBackend(Connection db) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select pid from pg_locks"
                + " where locktype = 'advisory' and granted and classid = ? and objid = ? and objsubid = 1")) {
            query.setLong(1, OutboxRelay.RELAY_LOCK >>> 32);
            query.setLong(2, OutboxRelay.RELAY_LOCK & 0xffffffffL);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        }
    }

    @Test
    void aRowOfAnErasedPersonIsDeletedOnceTheBrokerHasIt() throws Exception {
        String topic = "platform-test.erase." + UUID.randomUUID();
        List<UUID> ids = stage(topic, 3, "person-1", "person-2", "person-1");
        try (Connection db = database(); PreparedStatement mark = db.prepareStatement(
                "update outbox_event set erase_when_published = true where topic = ? and event_key = 'person-1'")) {
            mark.setString(1, topic);
            mark.executeUpdate();
        }

        drain(topic);

        assertThat(readAll(topic)).hasSize(3);
        Map<UUID, Boolean> left = new HashMap<>();
        try (Connection db = database(); PreparedStatement query = db.prepareStatement(
                "select id, published_at is not null from outbox_event where topic = ?")) {
            query.setString(1, topic);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    left.put(rows.getObject(1, UUID.class), rows.getBoolean(2));
                }
            }
        }
        assertThat(left).containsExactly(Map.entry(ids.get(1), true));
    }
}
