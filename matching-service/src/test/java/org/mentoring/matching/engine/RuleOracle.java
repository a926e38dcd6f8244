package org.mentoring.matching.engine;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
        if (mentee.availability() != null && mentor.availability() != null
                && worstLongestOverlap(mentee.availability(), mentor.availability()) < 60) {
            broken.add(HardRule.AVAILABILITY_OVERLAP);
        }
        if (problem.excludedPairs().contains(new PairKey(mentee.id(), mentor.id()))) {
            broken.add(HardRule.NOT_EXCLUDED);
        }
        return broken;
    }

    /**
     * The longest run of minutes both are available, in the worst combination of the offsets their zones have at
     * the same hour of 2026 (found by sampling every hour), on a minute grid of the week that wraps around.
     */
    static int worstLongestOverlap(WeeklyAvailability a, WeeklyAvailability b) {
        int worst = Integer.MAX_VALUE;
        for (List<Integer> offsets : offsetPairs(a.zone(), b.zone())) {
            boolean[] x = minutes(a, offsets.get(0));
            boolean[] y = minutes(b, offsets.get(1));
            int week = x.length;
            int longest = 0;
            int run = 0;
            for (int k = 0; k < 2 * week; k++) {
                run = x[k % week] && y[k % week] ? run + 1 : 0;
                longest = Math.max(longest, Math.min(run, week));
            }
            worst = Math.min(worst, longest);
        }
        return worst;
    }

    private static final Map<List<ZoneId>, Set<List<Integer>>> OFFSET_PAIRS = new ConcurrentHashMap<>();

    private static Set<List<Integer>> offsetPairs(ZoneId a, ZoneId b) {
        return OFFSET_PAIRS.computeIfAbsent(List.of(a, b), key -> {
            Set<List<Integer>> pairs = new HashSet<>();
            for (Instant t = Instant.parse("2026-01-01T00:00:00Z"); t.isBefore(Instant.parse("2027-01-01T00:00:00Z"));
                    t = t.plusSeconds(3600)) {
                pairs.add(List.of(a.getRules().getOffset(t).getTotalSeconds() / 60,
                        b.getRules().getOffset(t).getTotalSeconds() / 60));
            }
            return pairs;
        });
    }

    /** Which minutes of the UTC week (from Monday 00:00) the person is available in, at this offset. */
    private static boolean[] minutes(WeeklyAvailability a, int offsetMinutes) {
        return MINUTES.computeIfAbsent(List.of(a, offsetMinutes), key -> minuteGrid(a, offsetMinutes));
    }

    private static final Map<List<Object>, boolean[]> MINUTES = new ConcurrentHashMap<>();

    private static boolean[] minuteGrid(WeeklyAvailability a, int offsetMinutes) {
        boolean[] week = new boolean[7 * 1440];
        int from = a.from().getHour() * 60 + a.from().getMinute();
        int to = a.to().getHour() * 60 + a.to().getMinute();
        int length = to > from ? to - from : to + 1440 - from;
        for (DayOfWeek day : a.weekdays()) {
            for (int k = 0; k < length; k++) {
                week[Math.floorMod((day.getValue() - 1) * 1440 + from + k - offsetMinutes, week.length)] = true;
            }
        }
        return week;
    }

    private static String lower(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }
}
