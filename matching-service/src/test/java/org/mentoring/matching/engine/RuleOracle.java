package org.mentoring.matching.engine;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The hard rules restated naively from the records, for property tests: shares no code with the engine's compiled
 * checks (no interning, no bit sets).
 */
final class RuleOracle {

    private RuleOracle() {
    }

    static Set<HardRule> broken(MatchingProblem problem, Mentee mentee, Mentor mentor) {
        MatchingSettings s = problem.settings();
        Set<HardRule> broken = EnumSet.noneOf(HardRule.class);
        if (lower(mentee.institute()).equals(lower(mentor.institute()))) {
            broken.add(HardRule.DIFFERENT_INSTITUTE);
        }
        int levels = s.hierarchyExclusionLevels();
        if (levels > 0) {
            Set<String> a = new HashSet<>(mentee.reportingLine().subList(0,
                    Math.min(levels, mentee.reportingLine().size())));
            a.add(mentee.id());
            Set<String> b = new HashSet<>(mentor.reportingLine().subList(0,
                    Math.min(levels, mentor.reportingLine().size())));
            b.add(mentor.id());
            a.retainAll(b);
            if (!a.isEmpty()) {
                broken.add(HardRule.OUTSIDE_REPORTING_LINE);
            }
        }
        if (mentee.yearsOfExperience() - mentor.yearsOfExperience() < s.minSeniorityGapYears()) {
            broken.add(HardRule.SENIORITY_GAP);
        }
        boolean language = mentee.languages().stream()
                .anyMatch(l -> mentor.languages().stream().anyMatch(o -> lower(o).equals(lower(l))));
        if (!language) {
            broken.add(HardRule.SHARED_LANGUAGE);
        }
        Set<MeetingFormat> shared = EnumSet.noneOf(MeetingFormat.class);
        shared.addAll(mentee.meetingFormats());
        shared.retainAll(mentor.meetingFormats());
        if (shared.isEmpty()) {
            broken.add(HardRule.COMPATIBLE_FORMAT);
        } else if (mentee.meetingFormats().equals(EnumSet.of(MeetingFormat.IN_PERSON))
                || mentor.meetingFormats().equals(EnumSet.of(MeetingFormat.IN_PERSON))) {
            GeoPoint a = mentee.location().coordinates();
            GeoPoint b = mentor.location().coordinates();
            if (a == null || b == null || a.distanceKm(b) > s.maxDistanceKm()) {
                broken.add(HardRule.WITHIN_DISTANCE);
            }
        }
        if (problem.excludedPairs().contains(new PairKey(mentee.id(), mentor.id()))) {
            broken.add(HardRule.NOT_EXCLUDED);
        }
        return broken;
    }

    private static String lower(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }
}
