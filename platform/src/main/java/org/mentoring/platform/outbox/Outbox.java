package org.mentoring.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mentoring.contracts.events.CloudEvent;

import java.util.Collection;
import java.util.List;

/**
 * Writes events into the outbox table. Call it inside the transaction that changes the state the
 * event reports (a {@code @WithTransaction} service method): both commit together or neither does. A transaction's
 * events after its first {@value OutboxRelay#REGULAR_PER_TRANSACTION} are relayed in the bulk lane, so that an import
 * does not hold back the events of the requests made meanwhile ({@link OutboxRelay.Lane}).
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper mapper;
    private final String source;

    public Outbox(ObjectMapper mapper, @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.mapper = mapper;
        this.source = "/mentoring/" + applicationName;
    }

    /**
     * Stages a CloudEvent of {@code type} about aggregate {@code subject} for {@code topic}.
     *
     * @return the staged event, as it will be published
     */
    public Uni<CloudEvent> publish(String topic, String type, String subject, Object data) {
        CloudEvent event = CloudEvent.of(type, source, subject, mapper.valueToTree(data));
        OutboxEvent row = new OutboxEvent();
        row.id = event.id();
        row.topic = topic;
        row.key = subject;
        row.type = type;
        row.createdAt = event.time();
        try {
            row.payload = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("Event " + type + " cannot be serialised", e));
        }
        return Panache.getSession().chain(session -> session.persist(row)).replaceWith(event);
    }

    /**
     * Forgets the events that mention an erased person: every row whose key or payload contains one of
     * {@code mentions} (their subject, the ids of what was theirs). Call it in the transaction of the erasure, after
     * staging the events the erasure itself publishes.
     * <ul>
     *   <li>A row already published (or quarantined, which is never sent again) is deleted now: the broker has it,
     *   and topic retention is what bounds the copy there.</li>
     *   <li>A row not yet published is still published, since consumers must hear of it, and it may be the erasure
     *   event itself; it is marked, and the relay deletes it the moment the broker has acknowledged it, instead of
     *   keeping it for {@code mentoring.retention.outbox}.</li>
     * </ul>
     * Answers how many rows were deleted or marked.
     */
    public Uni<Integer> forget(Collection<String> mentions) {
        List<String> needles = mentions.stream().filter(m -> m != null && !m.isBlank()).distinct().toList();
        if (needles.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String mentioned = "(event_key = any(:needles) or exists (select 1 from unnest(cast(:needles as text[])) n"
                + " where strpos(payload, n) > 0))";
        String[] array = needles.toArray(String[]::new);
        return Panache.getSession().chain(session -> session.flush()
                .chain(() -> session.createNativeQuery("delete from outbox_event where (published_at is not null"
                                + " or quarantined_at is not null) and " + mentioned)
                        .setParameter("needles", array).executeUpdate())
                .chain(deleted -> session.createNativeQuery("update outbox_event set erase_when_published = true"
                                + " where published_at is null and quarantined_at is null and " + mentioned)
                        .setParameter("needles", array).executeUpdate()
                        .map(marked -> deleted + marked)));
    }
}
