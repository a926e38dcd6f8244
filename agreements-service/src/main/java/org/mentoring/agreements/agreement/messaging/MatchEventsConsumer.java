package org.mentoring.agreements.agreement.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.mentoring.agreements.agreement.service.AgreementDrafting;
import org.mentoring.contracts.events.CloudEvent;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.matching.MatchV1;
import org.mentoring.platform.inbox.EventConsumer;
import org.mentoring.platform.inbox.IdempotentConsumer;
import org.mentoring.platform.inbox.InboundEvents;

import java.util.Set;

/**
 * Opens an agreement draft for every {@code mentoring.match.confirmed.v1} on {@code mentoring.matching.v1}. Applied once per
 * event id, and once per match; transient failures are retried, and only a record that can never be applied goes to
 * the dead-letter topic ({@link InboundEvents}).
 */
@ApplicationScoped
public class MatchEventsConsumer implements EventConsumer {

    static final String CONSUMER = "agreements-drafts";
    static final String CHANNEL = "matching";

    private final InboundEvents inbound;
    private final IdempotentConsumer inbox;
    private final AgreementDrafting drafting;

    public MatchEventsConsumer(InboundEvents inbound, IdempotentConsumer inbox, AgreementDrafting drafting) {
        this.inbound = inbound;
        this.inbox = inbox;
        this.drafting = drafting;
    }

    @Incoming(CHANNEL)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(KafkaRecord<String, String> record) {
        return inbound.receive(CHANNEL, record, payload -> apply(CHANNEL, payload));
    }

    @Override
    public Set<String> channels() {
        return Set.of(CHANNEL);
    }

    @Override
    public Uni<Void> apply(String channel, String payload) {
        CloudEvent event = inbox.parse(payload);
        if (!EventTypes.MATCH_CONFIRMED.equals(event.type())) {
            return inbox.skip(event);
        }
        MatchV1 match = inbox.data(event, MatchV1.class);
        return inbox.once(CONSUMER, event, e -> drafting.onMatchConfirmed(match));
    }
}
