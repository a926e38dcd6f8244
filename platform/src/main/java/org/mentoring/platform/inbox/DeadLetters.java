package org.mentoring.platform.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.work.BackgroundWork;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dead-letter topics of this service's consumers: listed for an operator, and re-driven one record at a time
 * through the same {@link EventConsumer#apply} path (so a replay is idempotent: an event already applied is
 * skipped by its id). Reads the topics with a short-lived consumer that joins no group, so listing moves no offset.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration READ_DEADLINE = Duration.ofSeconds(10);

    private final Instance<EventConsumer> consumers;
    private final Config config;
    private final Map<String, Object> kafka;
    private final BackgroundWork work;
    private final ObjectMapper mapper;

    public DeadLetters(Instance<EventConsumer> consumers, Config config,
                       @Identifier("default-kafka-broker") Map<String, Object> kafka, BackgroundWork work, ObjectMapper mapper) {
        this.mapper = mapper;
        this.consumers = consumers;
        this.config = config;
        this.kafka = kafka;
        this.work = work;
    }

    /** One dead-lettered record. */
    public record DeadLetter(String topic, int partition, long offset, String channel, String eventId, String eventType,
                             Instant deadLetteredAt, String reason, String originalTopic, Integer originalPartition,
                             Long originalOffset, String payload) {
    }

    /** Channel name -> its dead-letter topic, for every channel a consumer of this service reads. */
    public Map<String, String> topics() {
        Map<String, String> topics = new LinkedHashMap<>();
        for (EventConsumer consumer : consumers) {
            for (String channel : consumer.channels()) {
                String prefix = "mp.messaging.incoming." + channel + ".";
                Optional<String> dlq = config.getOptionalValue(prefix + "dead-letter-queue.topic", String.class);
                String topic = config.getOptionalValue(prefix + "topic", String.class).orElse(channel);
                topics.put(channel, dlq.orElse("dead-letter-topic-" + topic));
            }
        }
        return topics;
    }

    /** Every record in this service's dead-letter topics, oldest first per topic, at most {@code limit}. */
    public Uni<List<DeadLetter>> list(int limit) {
        return work.blocking(() -> read(null, limit));
    }

    /** One record. */
    public Uni<DeadLetter> get(String topic, int partition, long offset) {
        return work.blocking(() -> {
            List<DeadLetter> found = read(new TopicPartition(topic, partition), offset);
            if (found.isEmpty()) {
                throw new ProblemException(ProblemType.DEAD_LETTER_NOT_FOUND, "There is no record at offset " + offset + " of partition " + partition + " of " + topic + ".");
            }
            return found.get(0);
        });
    }

    /** Applies a dead letter again through its channel's consumer. */
    public Uni<DeadLetter> replay(String topic, int partition, long offset) {
        return get(topic, partition, offset).chain(letter -> {
            EventConsumer consumer = null;
            for (EventConsumer candidate : consumers) {
                if (candidate.channels().contains(letter.channel())) {
                    consumer = candidate;
                }
            }
            if (consumer == null) {
                throw new ProblemException(ProblemType.INVALID_STATE, "No consumer of this service reads channel " + letter.channel() + " any more.");
            }
            LOG.infof("Replaying dead letter %s/%d@%d (event %s) through channel %s", topic, partition, offset,
                    letter.eventId(), letter.channel());
            EventConsumer target = consumer;
            return Uni.createFrom().deferred(() -> target.apply(letter.channel(), letter.payload()))
                    .onFailure(Failures::isPoison).transform(failure -> new ProblemException(ProblemType.DEAD_LETTER_STILL_UNPROCESSABLE, Failures.describe(failure)))
                    .replaceWith(letter);
        });
    }

    private List<DeadLetter> read(TopicPartition only, long offsetOrLimit) {
        Map<String, String> channelsByTopic = new HashMap<>();
        topics().forEach((channel, topic) -> channelsByTopic.put(topic, channel));
        if (only != null && !channelsByTopic.containsKey(only.topic())) {
            throw new ProblemException(ProblemType.DEAD_LETTER_NOT_FOUND, only.topic() + " is not a dead-letter topic of this service; its topics are " + channelsByTopic.keySet() + ".");
        }
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READ_DEADLINE.toMillis());
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            if (only != null) {
                partitions.add(only);
            } else {
                Map<String, List<PartitionInfo>> existing = reader.listTopics(READ_DEADLINE);
                for (String topic : channelsByTopic.keySet()) {
                    for (PartitionInfo info : existing.getOrDefault(topic, List.of())) {
                        partitions.add(new TopicPartition(topic, info.partition()));
                    }
                }
            }
            if (partitions.isEmpty()) {
                return letters;
            }
            reader.assign(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions, READ_DEADLINE);
            Map<TopicPartition, Long> begin = reader.beginningOffsets(partitions, READ_DEADLINE);
            if (only != null) {
                if (offsetOrLimit < begin.get(only) || offsetOrLimit >= end.get(only)) {
                    return letters;
                }
                reader.seek(only, offsetOrLimit);
                end = Map.of(only, offsetOrLimit + 1);
            } else {
                reader.seekToBeginning(partitions);
            }
            long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
            Map<TopicPartition, Long> remaining = new HashMap<>(end);
            remaining.entrySet().removeIf(e -> e.getValue() <= begin.get(e.getKey()));
            int limit = only != null ? 1 : (int) offsetOrLimit;
            while (!remaining.isEmpty() && letters.size() < limit && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : reader.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    Long stop = remaining.get(tp);
                    if (stop == null || record.offset() >= stop) {
                        continue;
                    }
                    if (letters.size() < limit) {
                        letters.add(toDeadLetter(record, channelsByTopic.get(record.topic())));
                    }
                    if (record.offset() + 1 >= stop) {
                        remaining.remove(tp);
                    }
                }
            }
        }
        return letters;
    }

    private DeadLetter toDeadLetter(ConsumerRecord<String, String> record, String channel) {
        String eventId = null;
        String eventType = null;
        try {
            JsonNode tree = mapper.readTree(record.value());
            eventId = tree.path("id").isTextual() ? tree.path("id").asText() : null;
            eventType = tree.path("type").isTextual() ? tree.path("type").asText() : null;
        } catch (Exception ignored) {
            // an unreadable record is exactly what dead letters are for
        }
        String originalPartition = header(record, "dead-letter-partition");
        String originalOffset = header(record, "dead-letter-offset");
        return new DeadLetter(record.topic(), record.partition(), record.offset(), channel, eventId, eventType,
                Instant.ofEpochMilli(record.timestamp()), header(record, "dead-letter-reason"),
                header(record, "dead-letter-topic"),
                originalPartition == null ? null : Integer.valueOf(originalPartition),
                originalOffset == null ? null : Long.valueOf(originalOffset), record.value());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
