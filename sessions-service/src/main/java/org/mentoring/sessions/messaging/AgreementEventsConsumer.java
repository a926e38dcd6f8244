package org.mentoring.sessions.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.mentoring.contracts.events.CloudEvent;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.agreements.AgreementV1;
import org.mentoring.contracts.events.applicants.ApplicantErasedV1;
import org.mentoring.platform.inbox.IdempotentConsumer;
import org.mentoring.sessions.service.AgreementProjection;
import org.mentoring.sessions.service.Erasure;

/**
 * Keeps the agreements projection from {@code mentoring.agreements.v1} and scrubs erased people on
 * {@code mentoring.applicant.erased.v1}. Each event is applied once; a record that is not a valid event goes to the
 * dead-letter topic.
 */
@ApplicationScoped
public class AgreementEventsConsumer {

    static final String CONSUMER = "sessions-agreements";
    static final String ERASURE_CONSUMER = "sessions-erasure";
    private static final Logger LOG = Logger.getLogger(AgreementEventsConsumer.class);

    private final IdempotentConsumer inbox;
    private final AgreementProjection projection;
    private final Erasure erasure;

    public AgreementEventsConsumer(IdempotentConsumer inbox, AgreementProjection projection, Erasure erasure) {
        this.inbox = inbox;
        this.projection = projection;
        this.erasure = erasure;
    }

    @Incoming("agreements")
    public Uni<Void> agreements(String payload) {
        return Uni.createFrom().deferred(() -> {
            CloudEvent event = inbox.parse(payload);
            return switch (event.type()) {
                case EventTypes.AGREEMENT_DRAFTED, EventTypes.AGREEMENT_PROPOSED, EventTypes.AGREEMENT_SIGNED,
                     EventTypes.AGREEMENT_ACTIVATED, EventTypes.AGREEMENT_AMENDED, EventTypes.AGREEMENT_COMPLETED,
                     EventTypes.AGREEMENT_TERMINATED -> {
                    AgreementV1 data = inbox.data(event, AgreementV1.class);
                    yield inbox.once(CONSUMER, event, e -> projection.onAgreement(data));
                }
                default -> {
                    LOG.debugf("Ignoring event type %s", event.type());
                    yield Uni.createFrom().voidItem();
                }
            };
        });
    }

    @Incoming("applicants")
    public Uni<Void> applicants(String payload) {
        return Uni.createFrom().deferred(() -> {
            CloudEvent event = inbox.parse(payload);
            if (!EventTypes.APPLICANT_ERASED.equals(event.type())) {
                return Uni.createFrom().voidItem();
            }
            ApplicantErasedV1 data = inbox.data(event, ApplicantErasedV1.class);
            return inbox.once(ERASURE_CONSUMER, event, e -> erasure.onErased(data));
        });
    }
}
