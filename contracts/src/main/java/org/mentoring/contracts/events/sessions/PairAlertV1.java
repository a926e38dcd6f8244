package org.mentoring.contracts.events.sessions;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code mentoring.pair.reminded.v1} (the pair is later than its agreed cadence) and
 * {@code mentoring.pair.at-risk.v1} (no meeting within 1.5 times the cadence).
 */
public record PairAlertV1(
        UUID agreementId,
        UUID programmeId,
        String menteeId,
        String mentorId,
        int meetingCadenceDays,
        Instant lastMeetingAt,
        long daysSinceLastMeeting,
        Instant raisedAt) {
}
