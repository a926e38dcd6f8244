package org.mentoring.matching.pool.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.mentoring.contracts.events.CloudEvent;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.applicants.ApplicantErasedV1;
import org.mentoring.contracts.events.applicants.ApplicationV1;
import org.mentoring.contracts.events.applicants.ProgrammeV1;
import org.mentoring.matching.programme.service.ProgrammeProjections;
import org.mentoring.matching.pool.service.PoolService;
import org.mentoring.platform.inbox.IdempotentConsumer;

/**
 * Feeds the matching pool and the programme projection from {@code mentoring.applicants.v1}. Each event is applied once (its id is
 * recorded in the same transaction); a record that is not a valid event goes to the dead-letter topic.
 */
@ApplicationScoped
public class ApplicantEventsConsumer {

    static final String CONSUMER = "matching-pool";
    private static final Logger LOG = Logger.getLogger(ApplicantEventsConsumer.class);

    private final IdempotentConsumer inbox;
    private final PoolService pool;
    private final ProgrammeProjections programmes;

    public ApplicantEventsConsumer(IdempotentConsumer inbox, PoolService pool, ProgrammeProjections programmes) {
        this.inbox = inbox;
        this.pool = pool;
        this.programmes = programmes;
    }

    @Incoming("applicants")
    public Uni<Void> consume(String payload) {
        // deferred: a parse failure becomes a failed Uni, which nacks the record to the dead-letter topic
        return Uni.createFrom().deferred(() -> apply(payload));
    }

    private Uni<Void> apply(String payload) {
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
            default -> {
                LOG.debugf("Ignoring event type %s", event.type());
                yield Uni.createFrom().voidItem();
            }
        };
    }
}
