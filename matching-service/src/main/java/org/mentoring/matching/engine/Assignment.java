package org.mentoring.matching.engine;

import java.util.Arrays;

/**
 * A solution on a {@link MatchingGraph}: for each mentee the mentor it got, or -1.
 *
 * @param mentorOfMentee per mentee, the mentor index or -1 when unmatched
 * @param matchedCount   number of matched mentees
 * @param totalScore     sum of the scores of the chosen edges
 * @param certified      true when the solver checked an optimality certificate (dual feasibility and
 *                       complementary slackness over every edge); false for heuristics such as greedy
 */
public record Assignment(int[] mentorOfMentee, int matchedCount, long totalScore, boolean certified) {

    /** The assignment's objective, comparable lexicographically: matched count first, then total score. */
    public boolean sameObjectiveAs(Assignment other) {
        return matchedCount == other.matchedCount && totalScore == other.totalScore;
    }

    /** Builds an assignment from the mentor per mentee, computing count and score on {@code graph}. */
    static Assignment of(MatchingGraph graph, int[] mentorOfMentee, boolean certified) {
        int matched = 0;
        long total = 0;
        for (int i = 0; i < mentorOfMentee.length; i++) {
            int j = mentorOfMentee[i];
            if (j >= 0) {
                int e = graph.findEdge(i, j);
                if (e < 0) {
                    throw new IllegalStateException("mentee " + i + " assigned to mentor " + j + " without an edge");
                }
                matched++;
                total += graph.edgeScore(e);
            }
        }
        return new Assignment(mentorOfMentee, matched, total, certified);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Assignment a && matchedCount == a.matchedCount && totalScore == a.totalScore
                && certified == a.certified && Arrays.equals(mentorOfMentee, a.mentorOfMentee);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mentorOfMentee) * 31 + Long.hashCode(totalScore);
    }

    @Override
    public String toString() {
        return "Assignment[matched=" + matchedCount + ", totalScore=" + totalScore + ", certified=" + certified + "]";
    }
}
