package org.mentoring.matching.engine;

import java.util.List;

/**
 * The outcome of a run.
 *
 * @param proposals        every pair, confirmed ones included, ordered by mentee id
 * @param unmatched        everyone left without a partner with the reason: mentees first, then mentors, each by id
 * @param fairness         the fairness summary
 * @param matchedMentees   number of mentees with a mentor (confirmed pairs included)
 * @param totalScoreMicros sum of the pairs' total scores in millionths: the second objective, exact
 * @param feasiblePairs    number of pairs that passed every hard rule among the people still to match
 * @param certifiedOptimal true when the solver verified its optimality certificate (always, unless a bug)
 */
public record MatchingResult(
        List<ProposedPair> proposals,
        List<UnmatchedApplicant> unmatched,
        FairnessSummary fairness,
        int matchedMentees,
        long totalScoreMicros,
        long feasiblePairs,
        boolean certifiedOptimal) {

    public MatchingResult {
        proposals = List.copyOf(proposals);
        unmatched = List.copyOf(unmatched);
    }

    /** The objective the run maximised: matched mentees first, then total score. */
    public MatchingEngine.Objective objective() {
        return new MatchingEngine.Objective(matchedMentees, totalScoreMicros);
    }

    /** Total score of all pairs. */
    public double totalScore() {
        return totalScoreMicros / (double) ScoreBreakdown.SCALE;
    }
}
