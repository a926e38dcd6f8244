package org.mentoring.matching.pool.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.mentoring.contracts.events.CloudEvent;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.applicants.ApplicantErasedV1;
import org.mentoring.contracts.events.applicants.ApplicationV1;
import org.mentoring.contracts.events.applicants.ProgrammeV1;
import org.mentoring.matching.programme.service.ProgrammeProjectionRepository;
import org.mentoring.matching.pool.service.PoolService;
import org.mentoring.platform.inbox.EventConsumer;
import org.mentoring.platform.inbox.IdempotentConsumer;
import org.mentoring.platform.inbox.InboundEvents;

import java.util.Set;

/**
 * Feeds the matching pool and the programme projection from {@code mentoring.applicants.v1}. Each event is applied once (its id is
 * recorded in the same transaction); transient failures are retried and only a record that can never be applied goes
 * to the dead-letter topic ({@link InboundEvents}).
 */
@ApplicationScoped
public class ApplicantEventsConsumer implements EventConsumer {

    static final String CONSUMER = "matching-pool";
    static final String CHANNEL = "applicants";

    private final InboundEvents inbound;
    private final IdempotentConsumer inbox;
    private final PoolService pool;
    private final ProgrammeProjectionRepository programmes;

    public ApplicantEventsConsumer(InboundEvents inbound, IdempotentConsumer inbox, PoolService pool, ProgrammeProjectionRepository programmes) {
        this.inbound = inbound;
        this.inbox = inbox;
        this.pool = pool;
        this.programmes = programmes;
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
        return switch (event.type()) {
            case EventTypes.APPLICATION_SUBMITTED, EventTypes.APPLICATION_UPDATED, EventTypes.APPLICATION_ACCEPTED,
                 EventTypes.APPLICATION_REJECTED, EventTypes.APPLICATION_WITHDRAWN -> {
                ApplicationV1 data = inbox.data(event, ApplicationV1.class);
                yield inbox.once(CONSUMER, event, e -> pool.onApplication(data));
            }
            case EventTypes.PROGRAMME_CREATED, EventTypes.PROGRAMME_UPDATED, EventTypes.PROGRAMME_OPENED,
                 EventTypes.PROGRAMME_CLOSED, EventTypes.PROGRAMME_STARTED, EventTypes.PROGRAMME_COMPLETED,
                 EventTypes.PROGRAMME_CANCELLED -> {
                ProgrammeV1 data = inbox.data(event, ProgrammeV1.class);
                yield inbox.once(CONSUMER, event, e -> programmes.onProgramme(data));
            }
            case EventTypes.APPLICANT_ERASED -> {
                ApplicantErasedV1 data = inbox.data(event, ApplicantErasedV1.class);
                yield inbox.once(CONSUMER, event, e -> pool.onErased(data));
            }
            default -> inbox.skip(event);
        };
    }
}
