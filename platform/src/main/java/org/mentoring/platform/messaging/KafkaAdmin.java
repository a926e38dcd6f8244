package org.mentoring.platform.messaging;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The service's one Kafka admin client, built from the same connection settings as its channels
 * ({@code kafka.*}: bootstrap servers, security), created on first use. Every call is blocking and bounded by
 * {@link #TIMEOUT_MS}: run it on a worker thread ({@code BackgroundWork.blocking}).
 */
@ApplicationScoped
public class KafkaAdmin {

    public static final int TIMEOUT_MS = 3000;

    private final Map<String, Object> kafka;
    private volatile Admin admin;

    public KafkaAdmin(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = kafka;
    }

    /** How many brokers of the cluster answer. */
    public int brokers() throws Exception {
        return admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS)).nodes()
                .get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS).size();
    }

    /** The end offset (the offset the next record will get) of every partition of {@code topic}, by partition. */
    public Map<Integer, Long> endOffsets(String topic) throws Exception {
        Admin a = admin();
        int partitions = a.describeTopics(java.util.List.of(topic)).allTopicNames()
                .get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS).get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return a.listOffsets(request, new ListOffsetsOptions().timeoutMs(TIMEOUT_MS)).all()
                .get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS).entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset(), (x, y) -> x, TreeMap::new));
    }

    /**
     * The offsets consumer group {@code group} has committed on {@code topic}: the next record it will apply on each
     * partition (a partition it never committed on is absent).
     */
    public Map<Integer, Long> committedOffsets(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin()
                .listConsumerGroupOffsets(group, new ListConsumerGroupOffsetsOptions().timeoutMs(TIMEOUT_MS))
                .partitionsToOffsetAndMetadata().get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS);
        Map<Integer, Long> offsets = new TreeMap<>();
        committed.forEach((tp, om) -> {
            if (tp.topic().equals(topic) && om != null) {
                offsets.put(tp.partition(), om.offset());
            }
        });
        return offsets;
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    Map<String, Object> props = new HashMap<>();
                    kafka.forEach((key, value) -> {
                        if (AdminClientConfig.configNames().contains(key)) {
                            props.put(key, value);
                        }
                    });
                    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
                    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
                    admin = Admin.create(props);
                }
                current = admin;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        Admin current = admin;
        if (current != null) {
            current.close(java.time.Duration.ofSeconds(1));
        }
    }
}
