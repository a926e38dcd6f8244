package org.mentoring.applicants.application.messaging;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.mentoring.applicants.application.model.ApplicationStatus;
import org.mentoring.applicants.application.service.ApplicationEvents;
import org.mentoring.applicants.application.service.ApplicationRepository;
import org.mentoring.contracts.events.CloudEvent;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.matching.MatchV1;
import org.mentoring.platform.inbox.EventConsumer;
import org.mentoring.platform.inbox.IdempotentConsumer;
import org.mentoring.platform.inbox.InboundEvents;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Moves applications along with matching: when a match is confirmed both applications become MATCHED
 * (and their update is published, so matching's pool sees it). Each event is applied once; transient failures are
 * retried ({@link InboundEvents}).
 */
@ApplicationScoped
public class MatchingEventsConsumer implements EventConsumer {

    static final String CONSUMER = "applicants-status";
    static final String CHANNEL = "matching";

    private final InboundEvents inbound;
    private final IdempotentConsumer inbox;
    private final ApplicationRepository applications;
    private final ApplicationEvents events;

    public MatchingEventsConsumer(InboundEvents inbound, IdempotentConsumer inbox, ApplicationRepository applications, ApplicationEvents events) {
        this.inbound = inbound;
        this.inbox = inbox;
        this.applications = applications;
        this.events = events;
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
        return inbox.once(CONSUMER, event, e -> Multi.createFrom()
                .iterable(List.of(match.mentee().applicationId(), match.mentor().applicationId()))
                .onItem().transformToUniAndConcatenate(id -> applications.findById(id).chain(a -> {
                    if (a == null || a.status != ApplicationStatus.ACCEPTED) {
                        return Uni.createFrom().voidItem(); // erased, withdrawn meanwhile, or already matched
                    }
                    a.status = ApplicationStatus.MATCHED;
                    a.updatedAt = Instant.now();
                    return events.publish(EventTypes.APPLICATION_UPDATED, a).replaceWithVoid();
                }))
                .collect().last().replaceWithVoid());
    }
}
