package org.mentoring.sessions.agreement.service;

import org.mentoring.contracts.events.EventTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mentoring.contracts.events.Revisions;
import org.mentoring.contracts.events.agreements.AgreementV1;
import org.mentoring.sessions.agreement.model.Agreement;
import org.mentoring.sessions.meeting.model.Meeting;
import org.mentoring.sessions.meeting.service.InPersonRule;
import org.mentoring.sessions.meeting.service.MeetingRepository;
import org.mentoring.sessions.meeting.service.SessionEvents;
import org.mentoring.sessions.privacy.service.Erasure;

import java.time.Instant;
import java.util.List;

/**
 * Keeps the agreements projection from agreements-service's events. Each carries the agreement as it now stands, so the
 * latest snapshot wins and an older one arriving late changes nothing ({@link Revisions}): a late {@code activated} cannot
 * revive a terminated agreement. A person erased here stays erased even when an agreement event published before the
 * erasure arrives after it. When an agreement ends, its future meetings are cancelled; when its number of first meetings
 * in person changes, which meetings are required in person is recomputed ({@link InPersonRule}). Runs inside the consumer's
 * transaction.
 */
@ApplicationScoped
public class AgreementProjection {

    public static final String ENDED_REASON = "agreement ended";
    public static final String SYSTEM = "SYSTEM";
    /** Counter of snapshot events a projection skipped as older than what it holds (tag {@code projection}). */
    public static final String STALE_EVENTS = "mentoring.projection.stale.events";

    private static final Logger LOG = Logger.getLogger(AgreementProjection.class);

    private final AgreementRepository agreements;
    private final MeetingRepository meetings;
    private final SessionEvents events;
    private final InPersonRule inPerson;
    private final Counter stale;

    public AgreementProjection(AgreementRepository agreements, MeetingRepository meetings, SessionEvents events, InPersonRule inPerson,
                               MeterRegistry registry) {
        this.agreements = agreements;
        this.meetings = meetings;
        this.events = events;
        this.inPerson = inPerson;
        this.stale = Counter.builder(STALE_EVENTS).description("Snapshot events skipped because the projection held a newer one")
                .tag("projection", "agreements").register(registry);
    }

    public Uni<Void> onAgreement(AgreementV1 event) {
        return agreements.findById(event.agreementId()).chain(existing -> {
            if (existing != null && Revisions.isOlder(event.revision(), event.changedAt(), existing.sourceRevision, existing.changedAt)) {
                LOG.debugf("Skipping agreement %s snapshot of revision %s (%s): the projection holds revision %s (%s)", event.agreementId(),
                        event.revision(), event.changedAt(), existing.sourceRevision, existing.changedAt);
                stale.increment();
                return Uni.createFrom().voidItem();
            }
            return Erasure.pseudonymOf(event.mentee().applicationId())
                    .chain(mentee -> Erasure.pseudonymOf(event.mentor().applicationId())
                            .chain(mentor -> apply(event, existing, mentee, mentor)));
        });
    }

    /** {@code erasedMentee}, {@code erasedMentor}: the pseudonym of a party erased here, else null. */
    private Uni<Void> apply(AgreementV1 event, Agreement existing, String erasedMentee, String erasedMentor) {
        boolean wasEnded = existing != null && existing.ended();
        boolean inPersonChanged = existing != null && existing.firstInPerson != event.firstMeetingsInPerson();
        Agreement a = existing != null ? existing : new Agreement();
        a.agreementId = event.agreementId();
        a.programmeId = event.programmeId();
        a.status = event.status();
        a.menteeId = erasedMentee != null ? erasedMentee : event.mentee().applicantId();
        a.mentorId = erasedMentor != null ? erasedMentor : event.mentor().applicantId();
        a.menteeApplicationId = event.mentee().applicationId();
        a.mentorApplicationId = event.mentor().applicationId();
        a.agendaTopics = event.agendaTopics() == null ? List.of() : List.copyOf(event.agendaTopics());
        a.startDate = event.startDate();
        a.endDate = event.endDate();
        a.cadenceDays = event.meetingCadenceDays();
        a.firstInPerson = event.firstMeetingsInPerson();
        a.preferredFormat = event.preferredFormat();
        a.endedBy = event.ending() == null ? null : event.ending().endedBy();
        a.changedAt = event.changedAt();
        a.sourceRevision = event.revision();
        Uni<Void> saved = existing == null ? agreements.persist(a).replaceWithVoid() : Uni.createFrom().voidItem();
        if (inPersonChanged) {
            // an amendment changed how many first meetings are in person: a scheduled ONLINE one may now be flagged
            saved = saved.chain(() -> inPerson.realign(a.agreementId, a.firstInPerson, null)).replaceWithVoid();
        }
        if (!a.ended() || wasEnded) {
            return saved;
        }
        return saved.chain(() -> cancelFuture(a));
    }

    private Uni<Void> cancelFuture(Agreement a) {
        Instant now = Instant.now();
        return meetings.futureScheduled(a.agreementId, now).chain(list -> Multi.createFrom().iterable(list)
                .onItem().transformToUniAndConcatenate(m -> {
                    m.status = Meeting.Status.CANCELLED;
                    m.cancelledBy = SYSTEM;
                    m.cancelReason = ENDED_REASON;
                    m.updatedAt = now;
                    return events.meeting(EventTypes.MEETING_CANCELLED, m);
                })
                .collect().last().replaceWithVoid());
    }
}
