package org.mentoring.contracts.events.applicants;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Data of every {@code mentoring.application.*.v1} event: the application as it stands after the
 * change, with everything matching needs (so matching never calls back). Diversity attributes are
 * present only when the person consented to their use in matching. Motivation, interview notes and
 * contact details never leave applicants-service.
 *
 * @param revision the application's version at applicants-service, growing with every change: a consumer keeps the
 *                 newest it applied and skips older snapshots (see {@link org.mentoring.contracts.events.Revisions});
 *                 null in events published before the field existed
 */
public record ApplicationV1(
        UUID applicationId,
        UUID programmeId,
        String applicantId,
        String role,
        String status,
        String displayName,
        String institute,
        String department,
        UUID directoryPersonId,
        List<UUID> managerChain,
        LocationV1 location,
        List<String> languages,
        List<String> topics,
        List<String> meetingFormats,
        Integer availabilityHoursPerMonth,
        Integer yearsOfExperience,
        Map<String, String> diversity,
        String reason,
        Instant submittedAt,
        Instant changedAt,
        Long revision) {
}
