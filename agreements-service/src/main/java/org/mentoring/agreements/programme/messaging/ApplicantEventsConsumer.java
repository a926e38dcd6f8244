package org.mentoring.agreements.programme.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.mentoring.agreements.agreement.service.AgreementEndings;
import org.mentoring.agreements.erasure.service.AgreementErasure;
import org.mentoring.contracts.events.CloudEvent;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.applicants.ApplicantErasedV1;
import org.mentoring.contracts.events.applicants.ApplicationV1;
import org.mentoring.contracts.events.applicants.ProgrammeV1;
import org.mentoring.platform.inbox.EventConsumer;
import org.mentoring.platform.inbox.IdempotentConsumer;
import org.mentoring.platform.inbox.InboundEvents;
import org.mentoring.platform.security.ProgrammeTeams;

import java.util.Set;

/**
 * Applies applicants-service's decisions to agreements, once per event id ({@link IdempotentConsumer}) and in the
 * transaction that records it:
 * <ul>
 *   <li>every {@code mentoring.programme.*.v1}: the programme's team, and its status; a CANCELLED or COMPLETED programme
 *       ends its agreements that have not ended (older snapshots are skipped);</li>
 *   <li>{@code mentoring.application.withdrawn.v1}: ends the agreements the application is a party of;</li>
 *   <li>{@code mentoring.applicant.erased.v1}: pseudonymises the person.</li>
 * </ul>
 * Every other type is ignored. Transient failures are retried until the event is applied ({@link InboundEvents}).
 */
@ApplicationScoped
public class ApplicantEventsConsumer implements EventConsumer {

    static final String CONSUMER = "agreements-erasure";
    static final String CHANNEL = "applicants";

    private final InboundEvents inbound;
    private final IdempotentConsumer inbox;
    private final AgreementEndings endings;
    private final AgreementErasure erasure;

    private final ProgrammeTeams teams;

    public ApplicantEventsConsumer(InboundEvents inbound, IdempotentConsumer inbox, AgreementEndings endings, AgreementErasure erasure,
                                   ProgrammeTeams teams) {
        this.teams = teams;
        this.inbound = inbound;
        this.inbox = inbox;
        this.endings = endings;
        this.erasure = erasure;
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
        if (EventTypes.PROGRAMME_TYPES.contains(event.type())) {
            // who administers the programme: only that team acts as admin on its agreements
            ProgrammeV1 programme = inbox.data(event, ProgrammeV1.class);
            return inbox.once(CONSUMER, event, e -> (programme.revision() == null ? Uni.createFrom().voidItem()
                    : teams.apply(programme.programmeId(), programme.revision(), programme.team()).replaceWithVoid())
                    .chain(() -> endings.onProgramme(programme)));
        }
        if (EventTypes.APPLICATION_WITHDRAWN.equals(event.type())) {
            ApplicationV1 application = inbox.data(event, ApplicationV1.class);
            return inbox.once(CONSUMER, event, e -> endings.onApplicationWithdrawn(application));
        }
        if (!EventTypes.APPLICANT_ERASED.equals(event.type())) {
            return inbox.skip(event);
        }
        ApplicantErasedV1 erased = inbox.data(event, ApplicantErasedV1.class);
        return inbox.once(CONSUMER, event, e -> erasure.onErased(erased));
    }
}
