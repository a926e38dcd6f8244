package org.mentoring.matching.engine;

import java.util.List;

/**
 * What the engine says about one mentee-mentor pair, whether or not it was proposed: used to explain proposals and
 * to check a pair an admin wants to create by hand.
 *
 * @param menteeId        the mentee
 * @param mentorId        the mentor
 * @param passedRules     the hard rules the pair passes, in {@link HardRule} order
 * @param brokenRules     the hard rules it breaks (empty for a feasible pair)
 * @param score           the score and its components (computed even for a pair that breaks rules)
 * @param meetingMode     how they can meet, or null when they share no format
 * @param distanceKm      great-circle distance, or null when a location has no coordinates
 * @param canMeetInPerson true when they share the in-person format and are within the maximum distance (or at the
 *                        same named place when coordinates are unknown)
 * @param sharedTopics    the mentee's agenda topics the mentor offers, in the mentee's order
 * @param sharedLanguages languages both speak
 * @param sharedWeeklyMinutes minutes per week both can meet by their weekly availability, in the pair's worst
 *                        week of the year (time zones change offsets on different days); null when either did not
 *                        state availability
 */
public record PairAssessment(
        String menteeId,
        String mentorId,
        List<HardRule> passedRules,
        List<HardRule> brokenRules,
        ScoreBreakdown score,
        MeetingMode meetingMode,
        Double distanceKm,
        boolean canMeetInPerson,
        List<String> sharedTopics,
        List<String> sharedLanguages,
        Integer sharedWeeklyMinutes) {

    public PairAssessment {
        passedRules = List.copyOf(passedRules);
        brokenRules = List.copyOf(brokenRules);
        sharedTopics = List.copyOf(sharedTopics);
        sharedLanguages = List.copyOf(sharedLanguages);
    }

    /** True when the pair breaks no hard rule. */
    public boolean feasible() {
        return brokenRules.isEmpty();
    }
}
