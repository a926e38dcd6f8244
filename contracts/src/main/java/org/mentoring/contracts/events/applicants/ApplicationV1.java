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
 * @param mentorCapacity a mentor's own limit on mentees, at most the programme's {@code mentorCapacity}; null: the
 *                 programme's limit (and always null for a mentee)
 * @param availability when the person can meet in a week; null: any time (as in events published before the field existed)
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
        Long revision,
        Integer mentorCapacity,
        WeeklyAvailability availability) {

    /** A snapshot without capacity or weekly availability, as published before those fields existed. */
    public ApplicationV1(UUID applicationId, UUID programmeId, String applicantId, String role, String status, String displayName,
                         String institute, String department, UUID directoryPersonId, List<UUID> managerChain, LocationV1 location,
                         List<String> languages, List<String> topics, List<String> meetingFormats, Integer availabilityHoursPerMonth,
                         Integer yearsOfExperience, Map<String, String> diversity, String reason, Instant submittedAt, Instant changedAt,
                         Long revision) {
        this(applicationId, programmeId, applicantId, role, status, displayName, institute, department, directoryPersonId, managerChain,
                location, languages, topics, meetingFormats, availabilityHoursPerMonth, yearsOfExperience, diversity, reason, submittedAt,
                changedAt, revision, null, null);
    }

    /**
     * The weekdays and the hours of the day a person can meet, in their time zone.
     *
     * @param weekdays {@code MONDAY} .. {@code SUNDAY}, at least one
     * @param from     first hour, {@code HH:mm}
     * @param to       end, {@code HH:mm}, after {@code from}
     * @param timeZone an IANA zone such as {@code Europe/Berlin}
     */
    public record WeeklyAvailability(List<String> weekdays, String from, String to, String timeZone) {
    }
}
