package org.mentoring.agreements.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.mentoring.agreements.service.AgreementService;
import org.mentoring.contracts.events.CloudEvent;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.applicants.ApplicantErasedV1;
import org.mentoring.platform.inbox.IdempotentConsumer;

/** Pseudonymises erased people ({@code mentoring.applicant.erased.v1}); every other applicants' event is ignored. */
@ApplicationScoped
public class ApplicantEventsConsumer {

    static final String CONSUMER = "agreements-erasure";

    private final IdempotentConsumer inbox;
    private final AgreementService agreements;

    public ApplicantEventsConsumer(IdempotentConsumer inbox, AgreementService agreements) {
        this.inbox = inbox;
        this.agreements = agreements;
    }

    @Incoming("applicants")
    public Uni<Void> consume(String payload) {
        return Uni.createFrom().deferred(() -> apply(payload));
    }

    private Uni<Void> apply(String payload) {
        CloudEvent event = inbox.parse(payload);
        if (!EventTypes.APPLICANT_ERASED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        ApplicantErasedV1 erased = inbox.data(event, ApplicantErasedV1.class);
        return inbox.once(CONSUMER, event, e -> agreements.onErased(erased));
    }
}
