package org.mentoring.contracts.events.sessions;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code mentoring.meeting.feedback-submitted.v1}: one person rated a held meeting. The comment never leaves
 * sessions-service; {@code authorRole} is MENTEE or MENTOR.
 */
public record MeetingFeedbackV1(
        UUID feedbackId,
        UUID meetingId,
        UUID agreementId,
        UUID programmeId,
        String authorRole,
        int rating,
        boolean commented,
        Instant submittedAt) {
}
