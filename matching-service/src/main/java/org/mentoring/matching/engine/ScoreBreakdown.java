package org.mentoring.matching.engine;

/**
 * A pair's score and its components, each between 0 and 1 with six decimals (computed in millionths, so equal
 * inputs always give equal scores and ties are exact).
 *
 * @param topicFit     share of the mentee's ranked agenda the mentor offers, each topic weighted by rank (with k
 *                     topics the first weighs k, the last 1)
 * @param proximity    1 at the same place, falling linearly to 0.5 at the programme's maximum distance and staying
 *                     there; 0.5 (neutral) when the pair can only meet online or a location is unknown
 * @param availability smaller of the two monthly hours divided by the larger (0 when either is 0); when both
 *                     state weekly availability, the mean of that ratio and the share of the smaller weekly window
 *                     that both can meet (common minutes in the pair's worst week over the smaller window's minutes)
 * @param diversity    share of the programme's diversity attributes that both consented to use and that differ
 *                     between them; an attribute either did not consent to counts as no difference
 * @param total        weighted mean of the components with the programme's weights
 */
public record ScoreBreakdown(double topicFit, double proximity, double availability, double diversity,
        double total) {

    /** Scores are integers in millionths internally. */
    public static final int SCALE = 1_000_000;

    static ScoreBreakdown ofMicros(int topicFit, int proximity, int availability, int diversity, int total) {
        return new ScoreBreakdown(topicFit / (double) SCALE, proximity / (double) SCALE,
                availability / (double) SCALE, diversity / (double) SCALE, total / (double) SCALE);
    }
}
