package org.mentoring.matching.engine;

import java.util.List;

/**
 * A programme's matching rules.
 *
 * @param weights                  weights of the score components
 * @param hierarchyExclusionLevels how far the reporting-line rule reaches: 0 switches it off; with L levels a pair
 *                                 is excluded when one is among the other's first L managers, or when both share a
 *                                 manager who is among the first L managers of each (L = 1: direct manager and
 *                                 peers under the same manager; L = 2 adds the skip-level manager and everyone
 *                                 under the same skip-level manager)
 * @param maxDistanceKm            the greatest great-circle distance for pairs that must meet in person
 * @param defaultMentorCapacity    the programme's limit of mentees per mentor (1 or more): what a mentor takes
 *                                 who states no limit of their own, and the most any mentor takes
 * @param minSeniorityGapYears     the mentor must have at least this many years less experience than the mentee
 *                                 (0 or more)
 * @param diversityAttributes      the consented attributes the diversity component compares (for example
 *                                 generation, gender, background); empty switches the component off
 */
public record MatchingSettings(
        MatchingWeights weights,
        int hierarchyExclusionLevels,
        double maxDistanceKm,
        int defaultMentorCapacity,
        int minSeniorityGapYears,
        List<String> diversityAttributes) {

    /** Attributes compared when a programme does not say. */
    public static final List<String> DEFAULT_DIVERSITY_ATTRIBUTES = List.of("generation", "gender", "background");

    public MatchingSettings {
        if (weights == null) {
            throw new IllegalArgumentException("weights must be given");
        }
        if (hierarchyExclusionLevels < 0 || hierarchyExclusionLevels > 20) {
            throw new IllegalArgumentException("hierarchyExclusionLevels must be between 0 and 20: "
                    + hierarchyExclusionLevels);
        }
        if (!Double.isFinite(maxDistanceKm) || maxDistanceKm <= 0) {
            throw new IllegalArgumentException("maxDistanceKm must be a positive number: " + maxDistanceKm);
        }
        if (defaultMentorCapacity < 1) {
            throw new IllegalArgumentException("defaultMentorCapacity must be 1 or more: " + defaultMentorCapacity);
        }
        if (minSeniorityGapYears < 0) {
            throw new IllegalArgumentException("minSeniorityGapYears must be 0 or more: " + minSeniorityGapYears);
        }
        diversityAttributes = List.copyOf(Inputs.sortedSet(
                diversityAttributes == null ? DEFAULT_DIVERSITY_ATTRIBUTES : diversityAttributes,
                "diversityAttributes"));
    }

    /** Default weights, 2 hierarchy levels, 50 km, capacity 1, a 5-year gap, the default diversity attributes. */
    public static MatchingSettings defaults() {
        return new MatchingSettings(MatchingWeights.defaults(), 2, 50, 1, 5, DEFAULT_DIVERSITY_ATTRIBUTES);
    }

    public MatchingSettings withWeights(MatchingWeights newWeights) {
        return new MatchingSettings(newWeights, hierarchyExclusionLevels, maxDistanceKm, defaultMentorCapacity,
                minSeniorityGapYears, diversityAttributes);
    }

    public MatchingSettings withHierarchyExclusionLevels(int levels) {
        return new MatchingSettings(weights, levels, maxDistanceKm, defaultMentorCapacity, minSeniorityGapYears,
                diversityAttributes);
    }

    public MatchingSettings withMaxDistanceKm(double km) {
        return new MatchingSettings(weights, hierarchyExclusionLevels, km, defaultMentorCapacity,
                minSeniorityGapYears, diversityAttributes);
    }

    public MatchingSettings withDefaultMentorCapacity(int capacity) {
        return new MatchingSettings(weights, hierarchyExclusionLevels, maxDistanceKm, capacity, minSeniorityGapYears,
                diversityAttributes);
    }

    public MatchingSettings withMinSeniorityGapYears(int years) {
        return new MatchingSettings(weights, hierarchyExclusionLevels, maxDistanceKm, defaultMentorCapacity, years,
                diversityAttributes);
    }

    public MatchingSettings withDiversityAttributes(List<String> attributes) {
        return new MatchingSettings(weights, hierarchyExclusionLevels, maxDistanceKm, defaultMentorCapacity,
                minSeniorityGapYears, attributes);
    }
}
