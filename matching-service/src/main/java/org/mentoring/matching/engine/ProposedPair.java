package org.mentoring.matching.engine;

/**
 * A pair in the result, with everything needed to explain it.
 *
 * @param menteeId   the mentee
 * @param mentorId   the mentor
 * @param confirmed  true for a pair confirmed in an earlier run and kept as it was; false for a new proposal
 * @param assessment the rules it passes, its score and components, how they can meet; a new proposal passes every
 *                   hard rule, a confirmed pair may break rules that changed since
 */
public record ProposedPair(String menteeId, String mentorId, boolean confirmed, PairAssessment assessment) {

    /** The pair's total score, 0 to 1. */
    public double score() {
        return assessment.score().total();
    }
}
