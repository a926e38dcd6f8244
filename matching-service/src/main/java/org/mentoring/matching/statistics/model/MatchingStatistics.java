package org.mentoring.matching.statistics.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.contracts.statistics.SmallCounts;
import org.mentoring.matching.proposal.model.MatchProposal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Aggregate figures of a programme's matching for HR reports: counts only, never a person, an id of a person
 * or a pair's score. A count from 1 to below {@value #MIN_GROUP} is null and its path is listed in
 * {@code suppressed}, so that no person can be singled out; zero is shown. So is a count that would let one be worked
 * out (the run's matched and unmatched mentees add up to the mentees it considered).
 */
@Schema(name = "MatchingStatistics", description = "Aggregate matching figures of a programme; counts of 1 to 4 are null "
        + "and their paths are listed in suppressed, and so are the counts that would let one be worked out from a total")
public record MatchingStatistics(
        UUID programmeId,
        Pool pool,
        @Schema(description = "Every proposal status, in workflow order") List<StatusCount> proposalsByStatus,
        @Schema(description = "Confirmed pairs (both people accepted)", nullable = true) Long confirmedPairs,
        @Schema(description = "The latest completed PUBLISH run; null when there is none", nullable = true) PublishedRun latestPublishedRun,
        @Schema(description = "Paths of the figures suppressed: first those that count 1 to 4, then those "
                + "withheld so that none of these can be worked out from a total", example = "[\"pool.mentors\", "
                + "\"proposalsByStatus.DECLINED\"]") List<String> suppressed) {

    /** The smallest count shown other than zero. */
    public static final int MIN_GROUP = SmallCounts.MIN_GROUP;

    @Schema(name = "MatchingPoolCounts", description = "Accepted (and already matched) applicants in the pool")
    public record Pool(@Schema(nullable = true) Long mentors, @Schema(nullable = true) Long mentees) {
    }

    @Schema(name = "ProposalStatusCount")
    public record StatusCount(MatchProposal.Status status, @Schema(nullable = true) Long count) {
    }

    @Schema(name = "PublishedRunFigures")
    public record PublishedRun(
            UUID runId,
            @Schema(description = "When the run finished") Instant completedAt,
            @Schema(nullable = true, description = "Mentees the run considered") Long menteesInPool,
            @Schema(nullable = true, description = "Mentees with a mentor after the run, kept pairs included") Long matchedMentees,
            @Schema(nullable = true, description = "Mentees the run left without a mentor") Long unmatchedMentees) {
    }
}
