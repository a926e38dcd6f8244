package org.mentoring.contracts.events.applicants;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code mentoring.application.interview-requested.v1}: a programme admin asked the applicant for a short
 * interview, or moved it. Published on every request and every change of time; the admins' notes never leave
 * applicants-service.
 *
 * @param applicantId the applicant (token subject)
 * @param videoLink   where the interview takes place when online; null otherwise
 */
public record InterviewV1(UUID applicationId, UUID programmeId, String applicantId, Instant scheduledAt, int durationMinutes,
                          String videoLink, Instant requestedAt) {
}
