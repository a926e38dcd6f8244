package org.mentoring.matching.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Weekly availability compiled for the pair loop: each stated window turned into intervals of the UTC week
 * (minutes from Monday 00:00 UTC, the week read as a circle, so Sunday night runs on into Monday morning).
 *
 * <p>Time zones change their offset during the year, and not on the same day (Europe and North America move their
 * clocks weeks apart; the southern hemisphere the other way round). Two zones are therefore compared with every
 * combination of offsets they have <em>at the same time</em> during the reference year, and a pair's overlap is
 * the one of its worst week: the pair passes the rule only when every week of the year leaves them a common
 * stretch of at least {@link #MIN_OVERLAP_MINUTES} minutes, and its score uses the fewest common minutes of any
 * week. The reference year is fixed so that the same pool always gives the same result.
 *
 * <p>Immutable after construction and safe to read from several threads.
 */
final class AvailabilityOverlap {

    /** The shortest common stretch a pair needs in a week when both state availability. */
    static final int MIN_OVERLAP_MINUTES = 60;

    static final int MINUTES_PER_DAY = 24 * 60;
    static final int MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

    /** The year whose offsets (summer time included) are compared. */
    static final Instant REFERENCE_START = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant REFERENCE_END = Instant.parse("2027-01-01T00:00:00Z");

    /** Returned by {@link #overlap(int, int)} when either did not state availability. */
    static final long NOT_STATED = -1;

    /** Per person, the zone index, or -1 without availability. */
    private final int[] menteeZone;
    private final int[] mentorZone;
    /** Per person and offset of their zone (index into the zone's offsets), the UTC intervals [start, end, ...]. */
    private final int[][][] menteeIntervals;
    private final int[][][] mentorIntervals;
    /** Per person, the minutes of their week (the same in every zone offset). */
    private final int[] menteeMinutes;
    private final int[] mentorMinutes;
    /** Per (mentee zone, mentor zone), the offset index pairs that occur at the same time: [a0, b0, a1, b1, ...]. */
    private final int[][][] combinations;

    AvailabilityOverlap(Mentee[] mentees, Mentor[] mentors) {
        Map<ZoneId, Integer> zoneIndex = new HashMap<>();
        List<ZoneId> zones = new ArrayList<>();
        // zones in a fixed order (people are sorted), so that nothing depends on hash order
        for (Mentee p : mentees) {
            intern(p.availability(), zoneIndex, zones);
        }
        for (Mentor p : mentors) {
            intern(p.availability(), zoneIndex, zones);
        }
        List<int[]> offsetsOfZone = new ArrayList<>();
        for (ZoneId zone : zones) {
            offsetsOfZone.add(offsets(zone));
        }
        menteeZone = new int[mentees.length];
        menteeIntervals = new int[mentees.length][][];
        menteeMinutes = new int[mentees.length];
        for (int i = 0; i < mentees.length; i++) {
            compile(mentees[i].availability(), i, zoneIndex, offsetsOfZone, menteeZone, menteeIntervals,
                    menteeMinutes);
        }
        mentorZone = new int[mentors.length];
        mentorIntervals = new int[mentors.length][][];
        mentorMinutes = new int[mentors.length];
        for (int j = 0; j < mentors.length; j++) {
            compile(mentors[j].availability(), j, zoneIndex, offsetsOfZone, mentorZone, mentorIntervals,
                    mentorMinutes);
        }
        int z = zones.size();
        combinations = new int[z][z][];
        for (int a = 0; a < z; a++) {
            for (int b = 0; b < z; b++) {
                combinations[a][b] = combinations(zones.get(a), offsetsOfZone.get(a), zones.get(b),
                        offsetsOfZone.get(b));
            }
        }
    }

    boolean menteeStated(int i) {
        return menteeZone[i] >= 0;
    }

    boolean mentorStated(int j) {
        return mentorZone[j] >= 0;
    }

    /** Minutes per week the mentee's window covers (0 when not stated). */
    int menteeMinutes(int i) {
        return menteeMinutes[i];
    }

    int mentorMinutes(int j) {
        return mentorMinutes[j];
    }

    /** False only when both stated availability and some week leaves them no common stretch long enough. */
    boolean passes(int i, int j) {
        long o = overlap(i, j);
        return o == NOT_STATED || longest(o) >= MIN_OVERLAP_MINUTES;
    }

    /**
     * The pair's overlap in its worst week, packed: the longest common stretch in the high 32 bits, the common
     * minutes in the low ones (each the least over the offset combinations); {@link #NOT_STATED} when either did
     * not state availability.
     */
    long overlap(int i, int j) {
        int za = menteeZone[i];
        int zb = mentorZone[j];
        if (za < 0 || zb < 0) {
            return NOT_STATED;
        }
        int[] combos = combinations[za][zb];
        int worstLongest = Integer.MAX_VALUE;
        int worstCommon = Integer.MAX_VALUE;
        for (int c = 0; c < combos.length; c += 2) {
            long o = intersect(menteeIntervals[i][combos[c]], mentorIntervals[j][combos[c + 1]]);
            worstLongest = Math.min(worstLongest, longest(o));
            worstCommon = Math.min(worstCommon, common(o));
        }
        return ((long) worstLongest << 32) | worstCommon;
    }

    static int longest(long packed) {
        return (int) (packed >>> 32);
    }

    static int common(long packed) {
        return (int) packed;
    }

    /**
     * Longest common stretch and common minutes of two sorted, disjoint, non-touching interval lists on the week
     * circle.
     */
    static long intersect(int[] a, int[] b) {
        int x = 0;
        int y = 0;
        int common = 0;
        int longest = 0;
        int firstStart = -1;
        int firstLength = 0;
        int lastEnd = -1;
        int lastLength = 0;
        int pieces = 0;
        while (x < a.length && y < b.length) {
            int start = Math.max(a[x], b[y]);
            int end = Math.min(a[x + 1], b[y + 1]);
            if (start < end) {
                int length = end - start;
                common += length;
                longest = Math.max(longest, length);
                if (pieces == 0) {
                    firstStart = start;
                    firstLength = length;
                }
                lastEnd = end;
                lastLength = length;
                pieces++;
            }
            if (a[x + 1] < b[y + 1]) {
                x += 2;
            } else {
                y += 2;
            }
        }
        if (pieces > 1 && firstStart == 0 && lastEnd == MINUTES_PER_WEEK) {
            // Sunday night into Monday morning is one stretch
            longest = Math.max(longest, firstLength + lastLength);
        }
        return ((long) longest << 32) | common;
    }

    // ------------------------------------------------------------------------------------------------ compile

    private static void intern(WeeklyAvailability availability, Map<ZoneId, Integer> index, List<ZoneId> zones) {
        if (availability != null && !index.containsKey(availability.zone())) {
            index.put(availability.zone(), zones.size());
            zones.add(availability.zone());
        }
    }

    private static void compile(WeeklyAvailability availability, int person, Map<ZoneId, Integer> zoneIndex,
            List<int[]> offsetsOfZone, int[] zoneOf, int[][][] intervalsOf, int[] minutesOf) {
        if (availability == null) {
            zoneOf[person] = -1;
            intervalsOf[person] = new int[0][];
            return;
        }
        int zone = zoneIndex.get(availability.zone());
        int[] offsets = offsetsOfZone.get(zone);
        zoneOf[person] = zone;
        intervalsOf[person] = new int[offsets.length][];
        for (int k = 0; k < offsets.length; k++) {
            intervalsOf[person][k] = utcIntervals(availability, offsets[k]);
        }
        minutesOf[person] = availability.weekdays().size() * availability.windowMinutes();
    }

    /** The windows as sorted, merged intervals of the UTC week, for a zone offset of {@code offsetMinutes}. */
    static int[] utcIntervals(WeeklyAvailability availability, int offsetMinutes) {
        int from = availability.from().getHour() * 60 + availability.from().getMinute();
        int length = availability.windowMinutes();
        List<int[]> pieces = new ArrayList<>();
        for (var day : availability.weekdays()) {
            int start = Math.floorMod((day.getValue() - 1) * MINUTES_PER_DAY + from - offsetMinutes,
                    MINUTES_PER_WEEK);
            int end = start + length;
            if (end <= MINUTES_PER_WEEK) {
                pieces.add(new int[] {start, end});
            } else {
                pieces.add(new int[] {start, MINUTES_PER_WEEK});
                pieces.add(new int[] {0, end - MINUTES_PER_WEEK});
            }
        }
        pieces.sort((p, q) -> Integer.compare(p[0], q[0]));
        int[] merged = new int[pieces.size() * 2];
        int size = 0;
        for (int[] p : pieces) {
            if (size > 0 && p[0] <= merged[size - 1]) {
                merged[size - 1] = Math.max(merged[size - 1], p[1]);
            } else {
                merged[size++] = p[0];
                merged[size++] = p[1];
            }
        }
        return Arrays.copyOf(merged, size);
    }

    /** The distinct offsets (whole minutes) the zone has during the reference year, in the order they occur. */
    private static int[] offsets(ZoneId zone) {
        LinkedHashSet<Integer> offsets = new LinkedHashSet<>();
        for (Instant t : changes(zone.getRules())) {
            offsets.add(minutes(zone.getRules().getOffset(t)));
        }
        return offsets.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The offset index pairs of zones {@code a} and {@code b} that hold at the same time in the reference year. */
    private static int[] combinations(ZoneId a, int[] offsetsA, ZoneId b, int[] offsetsB) {
        TreeSet<Instant> moments = new TreeSet<>(changes(a.getRules()));
        moments.addAll(changes(b.getRules()));
        LinkedHashSet<Long> seen = new LinkedHashSet<>();
        List<Integer> flat = new ArrayList<>();
        for (Instant t : moments) {
            int ia = indexOf(offsetsA, minutes(a.getRules().getOffset(t)));
            int ib = indexOf(offsetsB, minutes(b.getRules().getOffset(t)));
            if (seen.add(((long) ia << 32) | ib)) {
                flat.add(ia);
                flat.add(ib);
            }
        }
        return flat.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The start of the reference year and every offset change of the zone within it. */
    private static List<Instant> changes(ZoneRules rules) {
        List<Instant> moments = new ArrayList<>();
        moments.add(REFERENCE_START);
        ZoneOffsetTransition next = rules.nextTransition(REFERENCE_START);
        while (next != null && next.getInstant().isBefore(REFERENCE_END)) {
            moments.add(next.getInstant());
            next = rules.nextTransition(next.getInstant());
        }
        return moments;
    }

    private static int minutes(ZoneOffset offset) {
        return Math.floorDiv(offset.getTotalSeconds(), 60);
    }

    private static int indexOf(int[] values, int value) {
        for (int k = 0; k < values.length; k++) {
            if (values[k] == value) {
                return k;
            }
        }
        throw new IllegalStateException("offset " + value + " not among " + Arrays.toString(values));
    }
}
