package org.mentoring.sessions.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.contracts.events.Topics;
import org.mentoring.contracts.events.sessions.MeetingFeedbackV1;
import org.mentoring.contracts.events.sessions.MeetingV1;
import org.mentoring.contracts.events.sessions.PairAlertV1;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mentoring.contracts.events.CloudEvent;
import org.mentoring.platform.outbox.OutboxEvent;
import java.util.Map;
import java.util.UUID;
import org.mentoring.sessions.model.Agreement;
import org.mentoring.sessions.model.Meeting;
import org.mentoring.sessions.model.MeetingFeedback;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The events sessions-service publishes on {@code mentoring.sessions.v1}, staged in the outbox inside the caller's
 * transaction. The type names are to be registered in the contracts' EventTypes; until then they live here.
 */
@ApplicationScoped
public class SessionEvents {

    public static final String MEETING_SCHEDULED = "mentoring.meeting.scheduled.v1";
    public static final String MEETING_RESCHEDULED = "mentoring.meeting.rescheduled.v1";
    public static final String MEETING_CANCELLED = "mentoring.meeting.cancelled.v1";
    public static final String MEETING_HELD = "mentoring.meeting.held.v1";
    public static final String MEETING_MISSED = "mentoring.meeting.missed.v1";
    public static final String FEEDBACK_SUBMITTED = "mentoring.meeting.feedback-submitted.v1";
    public static final String PAIR_REMINDED = "mentoring.pair.reminded.v1";
    public static final String PAIR_AT_RISK = "mentoring.pair.at-risk.v1";

    /** The schema of each type's data (to be registered in EventTypes with the types). */
    static final Map<String, String> SCHEMAS = Map.of(
            MEETING_SCHEDULED, "mentoring.meeting.v1",
            MEETING_RESCHEDULED, "mentoring.meeting.v1",
            MEETING_CANCELLED, "mentoring.meeting.v1",
            MEETING_HELD, "mentoring.meeting.v1",
            MEETING_MISSED, "mentoring.meeting.v1",
            FEEDBACK_SUBMITTED, "mentoring.meeting-feedback.v1",
            PAIR_REMINDED, "mentoring.pair-alert.v1",
            PAIR_AT_RISK, "mentoring.pair-alert.v1");

    private final ObjectMapper mapper;
    private final String source;

    public SessionEvents(ObjectMapper mapper, @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.mapper = mapper;
        this.source = "/mentoring/" + applicationName;
    }

    /**
     * Stages an event in the platform's outbox table, as {@code Outbox#publish} does; written here because that one accepts
     * only the types already registered in EventTypes (it stamps their dataschema). Once the lead registers ours, this can
     * call {@code Outbox#publish} directly.
     */
    private Uni<Void> publish(String topic, String type, String subject, Object data) {
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID(), source, type, subject, Instant.now(),
                "application/json", "urn:mentoring:schema:" + SCHEMAS.get(type), mapper.valueToTree(data));
        OutboxEvent row = new OutboxEvent();
        row.id = event.id();
        row.topic = topic;
        row.key = subject;
        row.type = type;
        row.createdAt = event.time();
        try {
            row.payload = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("Event " + type + " cannot be serialised", e));
        }
        return Panache.getSession().chain(session -> session.persist(row)).replaceWithVoid();
    }

    public Uni<Void> meeting(String type, Meeting m) {
        MeetingV1 data = new MeetingV1(m.id, m.agreementId, m.programmeId, m.status.name(), m.menteeId, m.mentorId, m.startsAt,
                m.durationMinutes, m.format.name(), m.inPersonRequired, m.allTopics(), m.cancelledBy, m.cancelReason, m.updatedAt);
        return publish(Topics.SESSIONS, type, m.id.toString(), data);
    }

    public Uni<Void> feedback(MeetingFeedback f) {
        MeetingFeedbackV1 data = new MeetingFeedbackV1(f.id, f.meetingId, f.agreementId, f.programmeId, f.authorRole, f.rating,
                f.comment != null && !f.comment.isBlank(), f.createdAt);
        return publish(Topics.SESSIONS, FEEDBACK_SUBMITTED, f.meetingId.toString(), data).replaceWithVoid();
    }

    public Uni<Void> pairAlert(String type, Agreement a, Instant lastMeetingAt, Instant now) {
        Instant reference = lastMeetingAt != null ? lastMeetingAt : a.startDate.atStartOfDay(ZoneOffset.UTC).toInstant();
        long days = Math.max(0, Duration.between(reference, now).toDays());
        PairAlertV1 data = new PairAlertV1(a.agreementId, a.programmeId, a.menteeId, a.mentorId, a.cadenceDays, lastMeetingAt, days, now);
        return publish(Topics.SESSIONS, type, a.agreementId.toString(), data).replaceWithVoid();
    }
}
