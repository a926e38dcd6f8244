package org.mentoring.notifications.events;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.mentoring.contracts.events.CloudEvent;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.applicants.ApplicantErasedV1;
import org.mentoring.notifications.mail.service.MailEvents;
import org.mentoring.notifications.webhook.service.Deliveries;
import org.mentoring.platform.inbox.EventConsumer;
import org.mentoring.platform.inbox.IdempotentConsumer;
import org.mentoring.platform.inbox.InboundEvents;

import java.util.Set;

/**
 * Every event of every topic the services publish becomes one delivery per matching enabled webhook subscription
 * ({@link Deliveries#fanOut}); an erasure also scrubs the delivery bodies that mention the person. Then, in a transaction
 * of its own, the event is applied for e-mail ({@link MailEvents}: who people are, which mails to queue or schedule, and
 * an erasure's forgetting). Contact details (the contacts topic) are for e-mail only and never reach a webhook. Each
 * part applies an event once (a redelivered record finds its id in {@code processed_event} and changes nothing);
 * transient failures are retried, and only a record that can never be applied goes to the dead-letter topic
 * ({@link InboundEvents}).
 */
@ApplicationScoped
public class EventsConsumer implements EventConsumer {

    static final String CONSUMER = "notifications-webhooks";
    static final String MAIL_CONSUMER = "notifications-mail";
    static final String CONTACTS = "contacts";
    static final String APPLICANTS = "applicants";
    static final String MATCHING = "matching";
    static final String AGREEMENTS = "agreements";
    static final String SESSIONS = "sessions";

    private final InboundEvents inbound;
    private final IdempotentConsumer inbox;
    private final Deliveries deliveries;
    private final MailEvents mail;

    public EventsConsumer(InboundEvents inbound, IdempotentConsumer inbox, Deliveries deliveries, MailEvents mail) {
        this.inbound = inbound;
        this.inbox = inbox;
        this.deliveries = deliveries;
        this.mail = mail;
    }

    @Incoming(APPLICANTS)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> applicants(KafkaRecord<String, String> record) {
        return inbound.receive(APPLICANTS, record, payload -> apply(APPLICANTS, payload));
    }

    @Incoming(MATCHING)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> matching(KafkaRecord<String, String> record) {
        return inbound.receive(MATCHING, record, payload -> apply(MATCHING, payload));
    }

    @Incoming(AGREEMENTS)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> agreements(KafkaRecord<String, String> record) {
        return inbound.receive(AGREEMENTS, record, payload -> apply(AGREEMENTS, payload));
    }

    @Incoming(SESSIONS)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> sessions(KafkaRecord<String, String> record) {
        return inbound.receive(SESSIONS, record, payload -> apply(SESSIONS, payload));
    }

    @Incoming(CONTACTS)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> contacts(KafkaRecord<String, String> record) {
        return inbound.receive(CONTACTS, record, payload -> apply(CONTACTS, payload));
    }

    @Override
    public Set<String> channels() {
        return Set.of(APPLICANTS, MATCHING, AGREEMENTS, SESSIONS, CONTACTS);
    }

    @Override
    public Uni<Void> apply(String channel, String payload) {
        CloudEvent event = inbox.parse(payload);
        ApplicantErasedV1 erased = EventTypes.APPLICANT_ERASED.equals(event.type()) ? inbox.data(event, ApplicantErasedV1.class) : null;
        Uni<Void> mails = inbox.once(MAIL_CONSUMER, event, mail::apply);
        if (CONTACTS.equals(channel)) {
            return mails;
        }
        return inbox.once(CONSUMER, event, e -> deliveries.fanOut(e, payload)
                        .chain(() -> erased == null ? Uni.createFrom().voidItem() : deliveries.onErased(erased)))
                .chain(() -> mails);
    }
}
