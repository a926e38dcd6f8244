package org.mentoring.applicants.application.messaging;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.mentoring.applicants.application.model.ApplicationStatus;
import org.mentoring.applicants.application.service.ApplicationEvents;
import org.mentoring.applicants.application.service.ApplicationRepository;
import org.mentoring.contracts.events.CloudEvent;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.matching.MatchV1;
import org.mentoring.platform.inbox.IdempotentConsumer;

import java.time.Instant;
import java.util.List;

/**
 * Moves applications along with matching: when a match is confirmed both applications become MATCHED
 * (and their update is published, so matching's pool sees it). Each event is applied once.
 */
@ApplicationScoped
public class MatchingEventsConsumer {

    static final String CONSUMER = "applicants-status";

    private final IdempotentConsumer inbox;
    private final ApplicationRepository applications;
    private final ApplicationEvents events;

    public MatchingEventsConsumer(IdempotentConsumer inbox, ApplicationRepository applications, ApplicationEvents events) {
        this.inbox = inbox;
        this.applications = applications;
        this.events = events;
    }

    @Incoming("matching")
    public Uni<Void> consume(String payload) {
        return Uni.createFrom().deferred(() -> {
            CloudEvent event = inbox.parse(payload);
            if (!EventTypes.MATCH_CONFIRMED.equals(event.type())) {
                return Uni.createFrom().voidItem();
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
        });
    }
}
