package org.mentoring.notifications.webhook.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mentoring.contracts.events.CloudEvent;
import org.mentoring.contracts.events.applicants.ApplicantErasedV1;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.notifications.webhook.model.Attempt;
import org.mentoring.notifications.webhook.model.Delivery;
import org.mentoring.notifications.webhook.model.Subscription;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.privacy.Forgetting;
import org.mentoring.platform.problem.ProblemException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Deliveries: written when an event arrives (one per matching enabled subscription; never an HTTP call here), read as
 * the delivery log, queued again on request. {@link DeliveryWorker} sends them.
 */
@ApplicationScoped
public class Deliveries {

    private final ObjectMapper mapper;
    private final Forgetting forgetting;
    private final String source;

    public Deliveries(ObjectMapper mapper, Forgetting forgetting, @ConfigProperty(name = "quarkus.application.name") String application) {
        this.mapper = mapper;
        this.forgetting = forgetting;
        this.source = "/mentoring/" + application;
    }

    /** A delivery with its attempts, oldest attempt first. */
    public record Logged(Delivery delivery, List<Attempt> attempts) {
    }

    /**
     * One delivery of {@code event} (whose record was {@code payload}) per enabled subscription that wants its type and, if
     * it filters by programme, whose programme the event's data names. Runs in the consumer's transaction; an event
     * already delivered to a subscription is not queued twice for it.
     */
    public Uni<Integer> fanOut(CloudEvent event, String payload) {
        UUID programme = programmeOf(event);
        return Panache.getSession().chain(session -> session.createQuery(
                                "from Subscription where enabled = true and (programmeId is null or programmeId = :programme)", Subscription.class)
                        .setParameter("programme", programme == null ? new UUID(0, 0) : programme)
                        .getResultList())
                .chain(subscriptions -> {
                    List<UUID> wanted = subscriptions.stream().filter(s -> EventPatterns.matches(s.eventTypes, event.type()))
                            .map(s -> s.id).toList();
                    return insert(wanted, event.id(), event.type(), payload);
                });
    }

    private static Uni<Integer> insert(List<UUID> subscriptions, UUID eventId, String type, String body) {
        if (subscriptions.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        UUID[] ids = subscriptions.stream().map(s -> UUID.randomUUID()).toArray(UUID[]::new);
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into webhook_delivery (id, subscription_id, event_id, event_type, body, status, attempts, next_attempt_at,"
                                + " created_at) select d, s, :event, :type, :body, 'PENDING', 0, now(), now()"
                                + " from unnest(cast(:ids as uuid[]), cast(:subs as uuid[])) as t(d, s)"
                                + " on conflict (subscription_id, event_id) do nothing")
                .setParameter("event", eventId).setParameter("type", type).setParameter("body", body)
                .setParameter("ids", ids).setParameter("subs", subscriptions.toArray(UUID[]::new))
                .executeUpdate());
    }

    private static UUID programmeOf(CloudEvent event) {
        if (event.data() == null || !event.data().path("programmeId").isTextual()) {
            return null;
        }
        try {
            return UUID.fromString(event.data().path("programmeId").asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The delivery log of a subscription, newest first. */
    @WithSession
    public Uni<List<Logged>> page(Subscriptions.Asker asker, UUID subscriptionId, Cursor before, int limit) {
        return Subscriptions.visible(asker, subscriptionId).chain(s -> Panache.getSession().chain(session -> {
            String where = "subscriptionId = :s" + (before == null ? "" : " and (createdAt < :at or (createdAt = :at and id < :id))");
            var query = session.createQuery("from Delivery where " + where + " order by createdAt desc, id desc", Delivery.class)
                    .setParameter("s", subscriptionId);
            if (before != null) {
                query.setParameter("at", before.createdAt()).setParameter("id", before.id());
            }
            return query.setMaxResults(limit + 1).getResultList().chain(this::withAttempts);
        }));
    }

    private Uni<List<Logged>> withAttempts(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> ids = deliveries.stream().map(d -> d.id).toList();
        return Panache.getSession().chain(session -> session.createQuery(
                        "from Attempt where deliveryId in (:ids) order by attemptedAt, id", Attempt.class)
                .setParameter("ids", ids).getResultList()).map(attempts -> {
                    Map<UUID, List<Attempt>> by = new LinkedHashMap<>();
                    attempts.forEach(a -> by.computeIfAbsent(a.deliveryId, k -> new ArrayList<>()).add(a));
                    return deliveries.stream().map(d -> new Logged(d, by.getOrDefault(d.id, List.of()))).toList();
                });
    }

    /** Queues a test event for the subscription, whatever the event types it asked for. */
    @WithTransaction
    public Uni<Logged> ping(Subscriptions.Asker asker, UUID subscriptionId) {
        return Subscriptions.visible(asker, subscriptionId).chain(s -> {
            CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID(), source, EventPatterns.PING, s.id.toString(),
                    Instant.now(), "application/json", null, mapper.createObjectNode()
                    .put("subscriptionId", s.id.toString()).put("message", "A test event sent on request of the subscription's owner"));
            String body;
            try {
                body = mapper.writeValueAsString(event);
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(e);
            }
            return insert(List.of(s.id), event.id(), event.type(), body)
                    .chain(() -> Panache.getSession().chain(session -> session.createQuery(
                                    "from Delivery where subscriptionId = :s and eventId = :e", Delivery.class)
                            .setParameter("s", s.id).setParameter("e", event.id()).getSingleResult()))
                    .map(d -> new Logged(d, List.of()));
        });
    }

    /** Queues one delivery again (a new round of attempts, now). */
    @WithTransaction
    public Uni<Delivery> redeliver(Subscriptions.Asker asker, UUID subscriptionId, UUID deliveryId) {
        return Subscriptions.visible(asker, subscriptionId).chain(s -> Panache.getSession().chain(session -> session
                .createQuery("from Delivery where id = :d and subscriptionId = :s", Delivery.class)
                .setParameter("d", deliveryId).setParameter("s", subscriptionId).getResultList()
                .map(found -> {
                    if (found.isEmpty()) {
                        throw ProblemException.notFound("Delivery", deliveryId);
                    }
                    Delivery d = found.get(0);
                    if (d.body == null) {
                        throw new ProblemException(ProblemType.DELIVERY_ERASED, "This delivery's event concerned a person whose data was erased; it cannot be sent again.");
                    }
                    d.status = Delivery.Status.PENDING.name();
                    d.attempts = 0;
                    d.nextAttemptAt = Instant.now();
                    d.deliveredAt = null;
                    return d;
                })));
    }

    /** Queues again every delivery created since {@code since} that was given up; answers how many. */
    @WithTransaction
    public Uni<Integer> redeliverFailedSince(Subscriptions.Asker asker, UUID subscriptionId, Instant since) {
        return Subscriptions.visible(asker, subscriptionId).chain(s -> Panache.getSession().chain(session -> session
                .createNativeQuery("update webhook_delivery set status = 'PENDING', attempts = 0, next_attempt_at = now()"
                        + " where subscription_id = :s and created_at >= :since and status = 'FAILED' and body is not null")
                .setParameter("s", subscriptionId).setParameter("since", since).executeUpdate()));
    }

    /**
     * An erased person: the bodies of deliveries whose event mentions them (their subject or an id of theirs) and the
     * answers logged for those deliveries are dropped; a delivery still under way keeps its body until it is delivered or
     * given up (the receiver must hear of it; it may be the erasure event itself), then loses it. The platform's part
     * (stored answers, outbox rows) is forgotten too. Runs in the consumer's transaction, after the fan-out.
     */
    public Uni<Void> onErased(ApplicantErasedV1 erased) {
        List<String> needles = new ArrayList<>();
        needles.add(erased.applicantId());
        if (erased.applicationIds() != null) {
            erased.applicationIds().forEach(id -> needles.add(id.toString()));
        }
        String[] array = needles.stream().filter(n -> n != null && !n.isBlank()).distinct().toArray(String[]::new);
        String mentions = " body is not null and exists (select 1 from unnest(cast(:needles as text[])) n where strpos(body, n) > 0)";
        return Panache.getSession().chain(session -> session.flush()
                        .chain(() -> session.createNativeQuery("update webhook_attempt set response_body = null where delivery_id in"
                                + " (select id from webhook_delivery where status <> 'PENDING' and" + mentions + ")")
                                .setParameter("needles", array).executeUpdate())
                        .chain(() -> session.createNativeQuery("update webhook_delivery set body = null where status <> 'PENDING' and" + mentions)
                                .setParameter("needles", array).executeUpdate())
                        .chain(() -> session.createNativeQuery("update webhook_delivery set erase_after_send = true where status = 'PENDING' and"
                                        + mentions)
                                .setParameter("needles", array).executeUpdate()))
                .chain(() -> forgetting.forget(erased.applicantId(), erased.applicationIds()));
    }
}
