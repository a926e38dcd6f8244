package org.mentoring.contracts.events.applicants;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Data of every {@code mentoring.programme.*.v1} event: the programme after the change.
 *
 * @param revision the programme's version at applicants-service, growing with every change: a consumer keeps the newest
 *                 it applied and skips older snapshots (see {@link org.mentoring.contracts.events.Revisions}); null in
 *                 events published before the field existed
 */
public record ProgrammeV1(
        UUID programmeId,
        String name,
        String status,
        Instant applicationOpensAt,
        Instant applicationClosesAt,
        int defaultAgreementMonths,
        int meetingCadenceDays,
        List<Topic> topics,
        MatchingSettings matching,
        Instant changedAt,
        Long revision) {

    public record Topic(String code, String label) {
    }

    /** The programme's matching rules and weights. */
    public record MatchingSettings(
            Weights weights,
            int hierarchyExclusionLevels,
            int maxInPersonDistanceKm,
            int mentorCapacity,
            int minSeniorityGapYears) {
    }

    public record Weights(double topicFit, double proximity, double availability, double diversity) {
    }
}
