package org.mentoring.contracts.events.applicants;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Data of {@code mentoring.application.submitted.v1}: a person applied to a programme. Carries what
 * the matching pool needs; the application's motivation text stays in applicants-service.
 */
public record ApplicationSubmittedV1(
        UUID applicationId,
        UUID programmeId,
        String applicantId,
        String role,
        String displayName,
        String institute,
        List<String> languages,
        List<String> topics,
        List<String> meetingFormats,
        Instant submittedAt) {
}
