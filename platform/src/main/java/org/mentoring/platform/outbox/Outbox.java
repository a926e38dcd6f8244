package org.mentoring.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mentoring.contracts.events.CloudEvent;

/**
 * Writes events into the outbox table. Call it inside the transaction that changes the state the
 * event reports (a {@code @WithTransaction} service method): both commit together or neither does.
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
}
