package org.mentoring.matching.engine;

/**
 * How much each score component counts. Any non-negative numbers with a positive sum; they are normalised, so
 * (2, 1, 1, 0) and (0.5, 0.25, 0.25, 0) mean the same.
 */
public record MatchingWeights(double topicFit, double proximity, double availability, double diversity) {

    public MatchingWeights {
        check(topicFit, "topicFit");
        check(proximity, "proximity");
        check(availability, "availability");
        check(diversity, "diversity");
        if (topicFit + proximity + availability + diversity <= 0) {
            throw new IllegalArgumentException("at least one weight must be positive");
        }
    }

    /** Topic fit first, then proximity, availability and diversity. */
    public static MatchingWeights defaults() {
        return new MatchingWeights(0.5, 0.2, 0.15, 0.15);
    }

    private static void check(double weight, String name) {
        if (!Double.isFinite(weight) || weight < 0) {
            throw new IllegalArgumentException("weight " + name + " must be a finite number, 0 or more: " + weight);
        }
    }
}
