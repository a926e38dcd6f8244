package org.mentoring.matching.proposal.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.mentoring.contracts.events.CloudEvent;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.agreements.AgreementV1;
import org.mentoring.matching.proposal.service.ProposalUpkeep;
import org.mentoring.platform.inbox.EventConsumer;
import org.mentoring.platform.inbox.IdempotentConsumer;
import org.mentoring.platform.inbox.InboundEvents;

import java.util.Set;

/**
 * Follows the agreements of confirmed pairs from {@code mentoring.agreements.v1}: an agreement terminated early frees
 * its pair for re-matching ({@link ProposalUpkeep#onAgreement}). Each event is applied once (inbox); transient failures
 * are retried and only a record that can never be applied goes to the dead-letter topic ({@link InboundEvents}).
 */
@ApplicationScoped
public class AgreementEventsConsumer implements EventConsumer {

    static final String CONSUMER = "matching-agreements";
    static final String CHANNEL = "agreements";

    private static final Set<String> TYPES = Set.of(EventTypes.AGREEMENT_DRAFTED, EventTypes.AGREEMENT_PROPOSED,
            EventTypes.AGREEMENT_SIGNED, EventTypes.AGREEMENT_ACTIVATED, EventTypes.AGREEMENT_AMENDED,
            EventTypes.AGREEMENT_COMPLETED, EventTypes.AGREEMENT_TERMINATED);

    private final InboundEvents inbound;
    private final IdempotentConsumer inbox;
    private final ProposalUpkeep upkeep;

    public AgreementEventsConsumer(InboundEvents inbound, IdempotentConsumer inbox, ProposalUpkeep upkeep) {
        this.inbound = inbound;
        this.inbox = inbox;
        this.upkeep = upkeep;
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
        if (!TYPES.contains(event.type())) {
            return inbox.skip(event);
        }
        AgreementV1 data = inbox.data(event, AgreementV1.class);
        return inbox.once(CONSUMER, event, e -> upkeep.onAgreement(data));
    }
}
