package org.mentoring.matching.engine;

import java.util.List;

/**
 * How the run's pairs are spread, so admins can see whom the optimum serves.
 *
 * @param scores          distribution of the pairs' total scores (confirmed pairs included)
 * @param inPersonShare   share of pairs that can meet in person (0 when there are no pairs)
 * @param byRole          matched share of mentees and of mentors (a mentor counts as matched with one mentee or more)
 * @param byInstitute     matched share per institute (mentees and mentors together), by institute name
 */
public record FairnessSummary(ScoreDistribution scores, double inPersonShare, List<GroupShare> byRole,
        List<GroupShare> byInstitute) {

    public FairnessSummary {
        byRole = List.copyOf(byRole);
        byInstitute = List.copyOf(byInstitute);
    }

    /**
     * Five-number summary and mean of the pair scores; quartiles interpolate linearly between ranks. All 0 when
     * there are no pairs.
     */
    public record ScoreDistribution(int count, double min, double firstQuartile, double median,
            double thirdQuartile, double max, double mean) {
    }

    /** Of {@code participants} people in the group, {@code matched} have a partner. */
    public record GroupShare(String group, int participants, int matched, double share) {
    }
}
