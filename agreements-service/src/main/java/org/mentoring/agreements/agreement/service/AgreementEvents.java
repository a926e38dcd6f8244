package org.mentoring.agreements.agreement.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.agreements.agreement.model.Agreement;
import org.mentoring.agreements.agreement.model.AgreementContent;
import org.mentoring.contracts.events.Topics;
import org.mentoring.contracts.events.agreements.AgreementV1;
import org.mentoring.platform.outbox.Outbox;

/**
 * Stages a {@code mentoring.agreement.*} event carrying the agreement as it now stands (contract AgreementV1). Pending
 * changes are flushed first, so the event's revision is the version the change gets (a projection orders snapshots by it).
 */
@ApplicationScoped
public class AgreementEvents {

    private final Outbox outbox;

    public AgreementEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> publish(String type, Agreement a) {
        return Panache.flush().chain(() -> outbox.publish(Topics.AGREEMENTS, type, a.id.toString(), snapshot(a))).replaceWithVoid();
    }

    /** The version in force, or the latest draft while none is signed; no goals, comments or confidentiality terms. */
    public static AgreementV1 snapshot(Agreement a) {
        AgreementContent c = a.effectiveContent();
        AgreementV1.Ending ending = a.ending == null ? null : new AgreementV1.Ending(a.ending.endedBy(), a.ending.reasonCategory(),
                a.ending.closingConversationHeld(), a.ending.closingConversationOn(), a.ending.endedAt());
        return new AgreementV1(a.id, a.matchId, a.programmeId, a.status.name(), a.versionInForce, a.latestVersion,
                new AgreementV1.Party(a.menteeApplicationId, a.menteeApplicantId, a.menteeDisplayName),
                new AgreementV1.Party(a.mentorApplicationId, a.mentorApplicantId, a.mentorDisplayName),
                c.agendaTopics(), c.startDate(), c.endDate(), c.meetingCadenceDays(), c.firstMeetingsInPerson(), c.preferredFormat(),
                ending, a.updatedAt, a.version);
    }
}
