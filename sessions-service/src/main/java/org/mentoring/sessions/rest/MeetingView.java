package org.mentoring.sessions.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.sessions.model.Meeting;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A meeting as the API shows it. Notes and feedback are never part of it (they have their own pair-only endpoints). */
@Schema(name = "Meeting")
public record MeetingView(
        UUID id,
        UUID agreementId,
        UUID programmeId,
        String menteeId,
        String mentorId,
        Meeting.Status status,
        Instant startsAt,
        Instant endsAt,
        int durationMinutes,
        Meeting.Format format,
        String place,
        String videoLink,
        List<String> agendaTopics,
        List<String> freeTopics,
        @Schema(description = "One of the first meetings the agreement asks to hold in person") boolean inPersonRequired,
        String cancelledBy,
        String cancelReason,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {

    public static MeetingView of(Meeting m) {
        return new MeetingView(m.id, m.agreementId, m.programmeId, m.menteeId, m.mentorId, m.status, m.startsAt, m.endsAt,
                m.durationMinutes, m.format, m.place, m.videoLink, m.agendaTopics, m.freeTopics, m.inPersonRequired, m.cancelledBy,
                m.cancelReason, m.createdBy, m.createdAt, m.updatedAt);
    }
}
