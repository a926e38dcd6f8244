package org.mentoring.sessions.agreement.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.mentoring.contracts.events.CloudEvent;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.agreements.AgreementV1;
import org.mentoring.contracts.events.applicants.ApplicantErasedV1;
import org.mentoring.contracts.events.applicants.ApplicationV1;
import org.mentoring.contracts.events.applicants.ProgrammeV1;
import org.mentoring.platform.inbox.EventConsumer;
import org.mentoring.platform.inbox.IdempotentConsumer;
import org.mentoring.platform.inbox.InboundEvents;
import org.mentoring.platform.security.ProgrammeTeams;
import org.mentoring.sessions.agreement.service.AgreementProjection;
import org.mentoring.sessions.availability.service.WeeklyAvailability;
import org.mentoring.sessions.privacy.service.Erasure;

import java.util.Set;

/**
 * Keeps the agreements projection from {@code mentoring.agreements.v1}, scrubs erased people on
 * {@code mentoring.applicant.erased.v1} and keeps each programme's team from the programme events of
 * {@code mentoring.applicants.v1} ({@link ProgrammeTeams}) and each application's weekly availability from its
 * application events ({@link WeeklyAvailability}); other events of that topic are skipped. Each event is applied
 * once; transient failures are retried, and only a record that can never be applied goes to the dead-letter topic
 * ({@link InboundEvents}).
 */
@ApplicationScoped
public class AgreementEventsConsumer implements EventConsumer {

    static final String CONSUMER = "sessions-agreements";
    static final String ERASURE_CONSUMER = "sessions-erasure";
    static final String TEAMS_CONSUMER = "sessions-teams";
    static final String AVAILABILITY_CONSUMER = "sessions-availability";
    static final String AGREEMENTS = "agreements";
    static final String APPLICANTS = "applicants";

    private final InboundEvents inbound;
    private final IdempotentConsumer inbox;
    private final AgreementProjection projection;
    private final Erasure erasure;
    private final ProgrammeTeams teams;
    private final WeeklyAvailability availability;

    public AgreementEventsConsumer(InboundEvents inbound, IdempotentConsumer inbox, AgreementProjection projection, Erasure erasure,
                                   ProgrammeTeams teams, WeeklyAvailability availability) {
        this.availability = availability;
        this.inbound = inbound;
        this.inbox = inbox;
        this.projection = projection;
        this.erasure = erasure;
        this.teams = teams;
    }

    @Incoming(AGREEMENTS)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> agreements(KafkaRecord<String, String> record) {
        return inbound.receive(AGREEMENTS, record, payload -> apply(AGREEMENTS, payload));
    }

    @Incoming(APPLICANTS)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> applicants(KafkaRecord<String, String> record) {
        return inbound.receive(APPLICANTS, record, payload -> apply(APPLICANTS, payload));
    }

    @Override
    public Set<String> channels() {
        return Set.of(AGREEMENTS, APPLICANTS);
    }

    @Override
    public Uni<Void> apply(String channel, String payload) {
        CloudEvent event = inbox.parse(payload);
        if (APPLICANTS.equals(channel)) {
            return switch (event.type()) {
                case EventTypes.PROGRAMME_CREATED, EventTypes.PROGRAMME_UPDATED, EventTypes.PROGRAMME_OPENED,
                     EventTypes.PROGRAMME_CLOSED, EventTypes.PROGRAMME_STARTED, EventTypes.PROGRAMME_COMPLETED,
                     EventTypes.PROGRAMME_CANCELLED -> {
                    ProgrammeV1 data = inbox.data(event, ProgrammeV1.class);
                    yield inbox.once(TEAMS_CONSUMER, event, e -> data.revision() == null ? Uni.createFrom().voidItem()
                            : teams.apply(data.programmeId(), data.revision(), data.team()).replaceWithVoid());
                }
                case EventTypes.APPLICATION_SUBMITTED, EventTypes.APPLICATION_UPDATED, EventTypes.APPLICATION_ACCEPTED,
                     EventTypes.APPLICATION_REJECTED, EventTypes.APPLICATION_WITHDRAWN, EventTypes.APPLICATION_COMPLETED -> {
                    ApplicationV1 data = inbox.data(event, ApplicationV1.class);
                    yield inbox.once(AVAILABILITY_CONSUMER, event, e -> availability.onApplication(data));
                }
                case EventTypes.APPLICANT_ERASED -> {
                    ApplicantErasedV1 data = inbox.data(event, ApplicantErasedV1.class);
                    yield inbox.once(ERASURE_CONSUMER, event, e -> erasure.onErased(data));
                }
                default -> inbox.skip(event);
            };
        }
        return switch (event.type()) {
            case EventTypes.AGREEMENT_DRAFTED, EventTypes.AGREEMENT_PROPOSED, EventTypes.AGREEMENT_SIGNED,
                 EventTypes.AGREEMENT_ACTIVATED, EventTypes.AGREEMENT_AMENDED, EventTypes.AGREEMENT_COMPLETED,
                 EventTypes.AGREEMENT_TERMINATED -> {
                AgreementV1 data = inbox.data(event, AgreementV1.class);
                yield inbox.once(CONSUMER, event, e -> projection.onAgreement(data));
            }
            default -> inbox.skip(event);
        };
    }
}
