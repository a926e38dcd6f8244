package org.mentoring.sessions.meeting.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.contracts.events.sessions.MeetingFeedbackV1;
import org.mentoring.contracts.events.sessions.MeetingV1;
import org.mentoring.contracts.events.sessions.PairAlertV1;
import org.mentoring.platform.outbox.Outbox;
import org.mentoring.sessions.agreement.model.Agreement;
import org.mentoring.sessions.meeting.model.Meeting;
import org.mentoring.sessions.notes.model.MeetingFeedback;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The events sessions-service publishes on {@code mentoring.sessions.v1} (types in the contracts' EventTypes), built
 * from its own model and staged through the platform's outbox inside the caller's transaction.
 */
@ApplicationScoped
public class SessionEvents {

    private final Outbox outbox;

    public SessionEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** {@code type}: one of the {@code EventTypes.MEETING_*} types. */
    public Uni<Void> meeting(String type, Meeting m) {
        MeetingV1 data = new MeetingV1(m.id, m.agreementId, m.programmeId, m.status.name(), m.menteeId, m.mentorId, m.startsAt,
                m.durationMinutes, m.format.name(), m.inPersonRequired, m.allTopics(), m.cancelledBy, m.cancelReason, m.updatedAt);
        return outbox.publish(Topics.SESSIONS, type, m.id.toString(), data).replaceWithVoid();
    }

    public Uni<Void> feedback(MeetingFeedback f) {
        MeetingFeedbackV1 data = new MeetingFeedbackV1(f.id, f.meetingId, f.agreementId, f.programmeId, f.authorRole, f.rating,
                f.comment != null && !f.comment.isBlank(), f.createdAt);
        return outbox.publish(Topics.SESSIONS, EventTypes.MEETING_FEEDBACK_SUBMITTED, f.meetingId.toString(), data).replaceWithVoid();
    }

    /** {@code type}: {@code EventTypes.PAIR_REMINDED} or {@code EventTypes.PAIR_AT_RISK}. */
    public Uni<Void> pairAlert(String type, Agreement a, Instant lastMeetingAt, Instant now) {
        Instant reference = lastMeetingAt != null ? lastMeetingAt : a.startDate.atStartOfDay(ZoneOffset.UTC).toInstant();
        long days = Math.max(0, Duration.between(reference, now).toDays());
        PairAlertV1 data = new PairAlertV1(a.agreementId, a.programmeId, a.menteeId, a.mentorId, a.cadenceDays, lastMeetingAt, days, now);
        return outbox.publish(Topics.SESSIONS, type, a.agreementId.toString(), data).replaceWithVoid();
    }
}
