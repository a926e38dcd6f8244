package org.mentoring.matching.run.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.matching.proposal.model.Assessment;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What a run found, stored with it (JSON): every pair with its explanation, every unmatched person with the reason. */
public record RunResult(
        List<Pair> pairs,
        List<Unmatched> unmatched,
        Fairness fairness,
        int matchedMentees,
        long feasiblePairs,
        boolean certifiedOptimal) {

    public record Pair(UUID menteeApplicationId, UUID mentorApplicationId, boolean kept, double score, Assessment assessment) {
    }

    public record Unmatched(UUID applicationId, @Schema(implementation = org.mentoring.matching.engine.Role.class) String role, String reasonCode, String reason, int candidates,
                            int feasibleCandidates, Map<String, Integer> failingByRule) {
    }

    public record Fairness(Distribution scores, double inPersonShare, List<GroupShare> byRole, List<GroupShare> byInstitute) {
    }

    public record Distribution(int count, double min, double firstQuartile, double median, double thirdQuartile, double max, double mean) {
    }

    public record GroupShare(String group, int participants, int matched, double share) {
    }
}
