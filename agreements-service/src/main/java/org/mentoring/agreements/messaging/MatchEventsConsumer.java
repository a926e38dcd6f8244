package org.mentoring.agreements.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.mentoring.agreements.service.AgreementService;
import org.mentoring.contracts.events.CloudEvent;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.matching.MatchV1;
import org.mentoring.platform.inbox.IdempotentConsumer;

/**
 * Opens an agreement draft for every {@code mentoring.match.confirmed.v1} on {@code mentoring.matching.v1}. Applied once per
 * event id, and once per match; a record that is not a valid event goes to the dead-letter topic.
 */
@ApplicationScoped
public class MatchEventsConsumer {

    static final String CONSUMER = "agreements-drafts";
    private static final Logger LOG = Logger.getLogger(MatchEventsConsumer.class);

    private final IdempotentConsumer inbox;
    private final AgreementService agreements;

    public MatchEventsConsumer(IdempotentConsumer inbox, AgreementService agreements) {
        this.inbox = inbox;
        this.agreements = agreements;
    }

    @Incoming("matching")
    public Uni<Void> consume(String payload) {
        return Uni.createFrom().deferred(() -> apply(payload));
    }

    private Uni<Void> apply(String payload) {
        CloudEvent event = inbox.parse(payload);
        if (!EventTypes.MATCH_CONFIRMED.equals(event.type())) {
            LOG.debugf("Ignoring event type %s", event.type());
            return Uni.createFrom().voidItem();
        }
        MatchV1 match = inbox.data(event, MatchV1.class);
        return inbox.once(CONSUMER, event, e -> agreements.onMatchConfirmed(match));
    }
}
