package org.mentoring.contracts.events.matching;

import java.time.Instant;
import java.util.UUID;

/** Data of {@code mentoring.matching-run.completed.v1}: a run finished (or failed) with its totals. */
public record MatchingRunV1(
        UUID runId,
        UUID programmeId,
        String mode,
        String status,
        int mentees,
        int mentors,
        int proposals,
        int unmatched,
        double totalScore,
        Instant finishedAt) {
}
