package org.mentoring.matching.run.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.mentoring.platform.messaging.KafkaAdmin;
import org.mentoring.platform.work.BackgroundWork;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A barrier on the topics a run's input comes from ({@code mentoring.applicants.v1}: the pool;
 * {@code mentoring.agreements.v1}: pairs whose agreement ended early): their end offsets at one moment, and whether
 * matching's consumer groups have applied (committed) everything up to them. A run waits behind it, so that an
 * application accepted just before the programme closed, whose event travels on another partition than the closing,
 * is in the pool, and a re-match asked for right after an early end frees that pair's people. The services' outboxes
 * publish in commit order, so whatever applicants-service committed before the closing is before the offsets captured
 * once the closing has been applied here.
 *
 * <p>Kafka unreachable: {@link #capture()} gives null and the run does not wait (as before the barrier existed); the
 * failure is logged.
 */
@ApplicationScoped
public class AppliedEvents {

    private static final Logger LOG = Logger.getLogger(AppliedEvents.class);

    /** A topic and the consumer group that applies it here. */
    record Followed(String topic, String group) {
    }

    private final KafkaAdmin kafka;
    private final BackgroundWork work;
    private final List<Followed> followed;

    public AppliedEvents(KafkaAdmin kafka, BackgroundWork work,
                         @ConfigProperty(name = "mp.messaging.incoming.applicants.topic") String applicants,
                         @ConfigProperty(name = "mp.messaging.incoming.applicants.group.id") String applicantsGroup,
                         @ConfigProperty(name = "mp.messaging.incoming.agreements.topic") String agreements,
                         @ConfigProperty(name = "mp.messaging.incoming.agreements.group.id") String agreementsGroup) {
        this.kafka = kafka;
        this.work = work;
        this.followed = List.of(new Followed(applicants, applicantsGroup), new Followed(agreements, agreementsGroup));
    }

    /** The followed topics' end offsets now, as a barrier string; null when the broker cannot tell. */
    public Uni<String> capture() {
        return work.blocking(() -> {
                    Map<String, Long> offsets = new LinkedHashMap<>();
                    for (Followed f : followed) {
                        kafka.endOffsets(f.topic()).forEach((partition, offset) -> offsets.put(f.topic() + "/" + partition, offset));
                    }
                    return format(offsets);
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Could not read the end offsets of %s (%s): this run does not wait for events still in flight",
                            followed, failure.toString());
                    return null;
                });
    }

    /**
     * How many records before {@code barrier} matching has not applied yet (0: the barrier is reached); null when the
     * broker cannot tell.
     */
    public Uni<Long> behind(String barrier) {
        Map<String, Long> wanted = parse(barrier);
        return work.blocking(() -> {
                    Map<String, Long> committed = new LinkedHashMap<>();
                    for (Followed f : followed) {
                        kafka.committedOffsets(f.group(), f.topic())
                                .forEach((partition, offset) -> committed.put(f.topic() + "/" + partition, offset));
                    }
                    return wanted.entrySet().stream()
                            .mapToLong(e -> Math.max(0, e.getValue() - committed.getOrDefault(e.getKey(), 0L)))
                            .sum();
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Could not read the offsets matching committed on %s: %s", followed, failure.toString());
                    return null;
                });
    }

    /** {@code topic/partition:offset,...} */
    static String format(Map<String, Long> offsets) {
        List<String> entries = new ArrayList<>();
        offsets.forEach((where, offset) -> entries.add(where + ":" + offset));
        return String.join(",", entries);
    }

    static Map<String, Long> parse(String barrier) {
        Map<String, Long> offsets = new LinkedHashMap<>();
        if (barrier == null || barrier.isBlank()) {
            return offsets;
        }
        for (String entry : barrier.split(",")) {
            int colon = entry.lastIndexOf(':');
            offsets.put(entry.substring(0, colon), Long.parseLong(entry.substring(colon + 1)));
        }
        return offsets;
    }
}
