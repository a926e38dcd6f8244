package org.mentoring.platform.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mentoring.contracts.events.CloudEvent;
import org.mentoring.contracts.events.EventTypes;

import java.util.function.Function;

/**
 * Applies an incoming event at most once per consumer. The event id is recorded in
 * {@code processed_event} in the same transaction as the effect: a redelivered event finds its id
 * and changes nothing, and an effect that fails rolls the record back so the event is retried.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private final ObjectMapper mapper;

    public IdempotentConsumer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Parses a structured-mode CloudEvent. A record that is not one fails with {@link PoisonEventException},
     * which sends it to the consumer's dead-letter topic instead of stalling the partition.
     */
    public CloudEvent parse(String payload) {
        try {
            CloudEvent event = mapper.readValue(payload, CloudEvent.class);
            if (event.data() == null || event.data().isNull()) {
                throw new IllegalArgumentException("CloudEvent " + event.id() + " has no data");
            }
            return event;
        } catch (Exception e) {
            throw new PoisonEventException("Not a valid CloudEvent: " + e.getMessage(), e);
        }
    }

    /**
     * For an event type this consumer does not handle: fine to skip when the type is not one of ours at all (or
     * one this consumer does not care about), but a poison record when it is a version of one of our types that
     * this build does not know (for example {@code .v2} of a {@code .v1} type), so that it goes to the dead-letter
     * topic and can be re-driven after an upgrade instead of being silently dropped.
     */
    public Uni<Void> skip(CloudEvent event) {
        String type = event.type() == null ? "" : event.type();
        int version = type.lastIndexOf(".v");
        if (version > 0 && !EventTypes.ALL.contains(type)) {
            String family = type.substring(0, version + 2);
            if (EventTypes.ALL.stream().anyMatch(known -> known.startsWith(family))) {
                throw new PoisonEventException("Event " + event.id() + " has type " + type
                        + ", a version this service does not understand", null);
            }
        }
        LOG.debugf("Skipping event %s of type %s", event.id(), type);
        return Uni.createFrom().voidItem();
    }

    /** Reads the event's data as the contract type of its {@code type}. */
    public <T> T data(CloudEvent event, Class<T> type) {
        try {
            return mapper.treeToValue(event.data(), type);
        } catch (Exception e) {
            throw new PoisonEventException("Data of " + event.type() + " " + event.id() + " does not match its contract: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code effect} in one transaction with the processed-event record, unless {@code consumer}
     * already processed this event.
     */
    public Uni<Void> once(String consumer, CloudEvent event, Function<CloudEvent, Uni<Void>> effect) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("insert into processed_event (consumer, event_id, event_type, processed_at)"
                        + " values (:consumer, :id, :type, now()) on conflict do nothing")
                .setParameter("consumer", consumer)
                .setParameter("id", event.id())
                .setParameter("type", event.type())
                .executeUpdate()
                .chain(inserted -> {
                    if (inserted == 0) {
                        LOG.debugf("%s already processed event %s, skipping", consumer, event.id());
                        return Uni.createFrom().voidItem();
                    }
                    return effect.apply(event);
                })));
    }
}
