package org.mentoring.sessions.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.contracts.events.agreements.AgreementV1;
import org.mentoring.sessions.model.Agreement;
import org.mentoring.sessions.model.Meeting;

import java.time.Instant;
import java.util.List;

/**
 * Keeps the agreements projection from agreements-service's events (each carries the agreement as it now stands, so the
 * latest snapshot by changedAt wins and an older one arriving late changes nothing). When an agreement ends, its future
 * meetings are cancelled. Runs inside the consumer's transaction.
 */
@ApplicationScoped
public class AgreementProjection {

    public static final String ENDED_REASON = "agreement ended";
    public static final String SYSTEM = "SYSTEM";

    private final AgreementRepository agreements;
    private final MeetingRepository meetings;
    private final SessionEvents events;

    public AgreementProjection(AgreementRepository agreements, MeetingRepository meetings, SessionEvents events) {
        this.agreements = agreements;
        this.meetings = meetings;
        this.events = events;
    }

    public Uni<Void> onAgreement(AgreementV1 event) {
        return agreements.findById(event.agreementId()).chain(existing -> {
            if (existing != null && existing.changedAt.isAfter(event.changedAt())) {
                return Uni.createFrom().voidItem();
            }
            boolean wasEnded = existing != null && existing.ended();
            Agreement a = existing != null ? existing : new Agreement();
            a.agreementId = event.agreementId();
            a.programmeId = event.programmeId();
            a.status = event.status();
            a.menteeId = event.mentee().applicantId();
            a.mentorId = event.mentor().applicantId();
            a.agendaTopics = event.agendaTopics() == null ? List.of() : List.copyOf(event.agendaTopics());
            a.startDate = event.startDate();
            a.endDate = event.endDate();
            a.cadenceDays = event.meetingCadenceDays();
            a.firstInPerson = event.firstMeetingsInPerson();
            a.preferredFormat = event.preferredFormat();
            a.endedBy = event.ending() == null ? null : event.ending().endedBy();
            a.changedAt = event.changedAt();
            Uni<Void> saved = existing == null ? agreements.persist(a).replaceWithVoid() : Uni.createFrom().voidItem();
            if (!a.ended() || wasEnded) {
                return saved;
            }
            return saved.chain(() -> cancelFuture(a));
        });
    }

    private Uni<Void> cancelFuture(Agreement a) {
        Instant now = Instant.now();
        return meetings.futureScheduled(a.agreementId, now).chain(list -> Multi.createFrom().iterable(list)
                .onItem().transformToUniAndConcatenate(m -> {
                    m.status = Meeting.Status.CANCELLED;
                    m.cancelledBy = SYSTEM;
                    m.cancelReason = ENDED_REASON;
                    m.updatedAt = now;
                    return events.meeting(SessionEvents.MEETING_CANCELLED, m);
                })
                .collect().last().replaceWithVoid());
    }
}
