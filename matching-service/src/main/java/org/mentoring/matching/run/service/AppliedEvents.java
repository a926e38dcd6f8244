package org.mentoring.matching.run.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.mentoring.platform.messaging.KafkaAdmin;
import org.mentoring.platform.work.BackgroundWork;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A barrier on {@code mentoring.applicants.v1}: the offsets at its end at one moment, and whether matching's consumer
 * group has applied (committed) everything up to them. A run waits behind it, so that an application accepted just
 * before the programme closed, whose event travels on another partition than the closing, is in the pool the run
 * matches. Applicants-service's outbox publishes in commit order, so whatever it committed before the closing is
 * before the offsets captured once the closing has been applied here.
 *
 * <p>Kafka unreachable: {@link #capture()} gives null and the run does not wait (as before the barrier existed); the
 * failure is logged.
 */
@ApplicationScoped
public class AppliedEvents {

    private static final Logger LOG = Logger.getLogger(AppliedEvents.class);

    private final KafkaAdmin kafka;
    private final BackgroundWork work;
    private final String topic;
    private final String group;

    public AppliedEvents(KafkaAdmin kafka, BackgroundWork work,
                         @ConfigProperty(name = "mp.messaging.incoming.applicants.topic") String topic,
                         @ConfigProperty(name = "mp.messaging.incoming.applicants.group.id") String group) {
        this.kafka = kafka;
        this.work = work;
        this.topic = topic;
        this.group = group;
    }

    /** The topic's end offsets now, as a barrier string; null when the broker cannot tell. */
    public Uni<String> capture() {
        return work.blocking(() -> format(kafka.endOffsets(topic)))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Could not read the end offsets of %s (%s): this run does not wait for application events "
                            + "still in flight", topic, failure.toString());
                    return null;
                });
    }

    /**
     * How many records before {@code barrier} matching has not applied yet (0: the barrier is reached); null when the
     * broker cannot tell.
     */
    public Uni<Long> behind(String barrier) {
        Map<Integer, Long> wanted = parse(barrier);
        return work.blocking(() -> {
                    Map<Integer, Long> committed = kafka.committedOffsets(group, topic);
                    return wanted.entrySet().stream()
                            .mapToLong(e -> Math.max(0, e.getValue() - committed.getOrDefault(e.getKey(), 0L)))
                            .sum();
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Could not read the offsets group %s committed on %s: %s", group, topic, failure.toString());
                    return null;
                });
    }

    static String format(Map<Integer, Long> offsets) {
        return offsets.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
    }

    static Map<Integer, Long> parse(String barrier) {
        Map<Integer, Long> offsets = new TreeMap<>();
        if (barrier == null || barrier.isBlank()) {
            return offsets;
        }
        for (String entry : barrier.split(",")) {
            int colon = entry.indexOf(':');
            offsets.put(Integer.parseInt(entry.substring(0, colon)), Long.parseLong(entry.substring(colon + 1)));
        }
        return offsets;
    }
}
