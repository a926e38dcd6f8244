package org.mentoring.contracts.events.sessions;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Data of every {@code mentoring.meeting.*.v1} event (scheduled, rescheduled, cancelled, held, missed): the meeting as it
 * stands after the change. Never any note, place, video link or feedback content.
 */
public record MeetingV1(
        UUID meetingId,
        UUID agreementId,
        UUID programmeId,
        String status,
        String menteeId,
        String mentorId,
        Instant startsAt,
        int durationMinutes,
        String format,
        boolean inPersonRequired,
        List<String> agendaTopics,
        String cancelledBy,
        String cancelReason,
        Instant changedAt) {
}
