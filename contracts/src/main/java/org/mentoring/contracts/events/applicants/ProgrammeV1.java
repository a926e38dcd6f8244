package org.mentoring.contracts.events.applicants;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Data of every {@code mentoring.programme.*.v1} event: the programme after the change. */
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
        Instant changedAt) {

    public record Topic(String code, String label) {
    }

    /** The programme's matching rules and weights (DESIGN.md section 2, step 4). */
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
