package org.mentoring.matching.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Random but plausible pools: a few institutes, an org tree, cities, languages, topics, consent. */
final class RandomPools {

    private static final String[] INSTITUTES = {"Institute A", "institute a", "Institute B", "Institute C", "Lab D"};
    private static final Location[] PLACES = {
        TestPeople.BERLIN, TestPeople.POTSDAM, TestPeople.MUNICH, Location.of("Hamburg", 53.55, 9.99),
        Location.named("Berlin"), Location.UNKNOWN};
    private static final String[] ZONES = {
        "UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Asia/Kolkata", "Australia/Sydney"};
    private static final String[] LANGUAGES = {"de", "en", "EN", "fr"};
    private static final String[] TOPICS = {"ai", "social-media", "new-work", "diversity", "agile", "gen-z"};
    private static final String[][] DIVERSITY = {
        {"generation", "X", "Y", "Z", "boomer"}, {"gender", "f", "m", "d"}, {"background", "stem", "humanities"}};

    private RandomPools() {
    }

    static MatchingProblem problem(Random random, int mentees, int mentors) {
        MatchingSettings settings = new MatchingSettings(
                new MatchingWeights(random.nextInt(4), random.nextInt(3), random.nextInt(3), 1 + random.nextInt(2)),
                random.nextInt(3), 30 + random.nextInt(500), 1 + random.nextInt(2), random.nextInt(8),
                MatchingSettings.DEFAULT_DIVERSITY_ATTRIBUTES);
        // an org tree over the participants and a few managers outside the pool
        List<String> people = new ArrayList<>();
        for (int i = 0; i < mentees; i++) {
            people.add(String.format(Locale.ROOT, "mentee-%03d", i));
        }
        for (int j = 0; j < mentors; j++) {
            people.add(String.format(Locale.ROOT, "mentor-%03d", j));
        }
        List<String> nodes = new ArrayList<>(List.of("ceo", "vp-1", "vp-2", "lead-1", "lead-2", "lead-3"));
        Map<String, String> managerOf = new HashMap<>(Map.of("vp-1", "ceo", "vp-2", "ceo", "lead-1", "vp-1",
                "lead-2", "vp-1", "lead-3", "vp-2"));
        for (String p : people) {
            managerOf.put(p, nodes.get(random.nextInt(nodes.size())));
            nodes.add(p);
        }
        OrgChart chart = OrgChart.of(managerOf);

        List<Mentee> menteeList = new ArrayList<>();
        for (int i = 0; i < mentees; i++) {
            String id = people.get(i);
            menteeList.add(new Mentee(id, pick(random, INSTITUTES), chart.reportingLine(id, 4), languages(random),
                    formats(random), pick(random, PLACES), random.nextInt(9), 8 + random.nextInt(25),
                    rankedTopics(random), diversity(random), availability(random)));
        }
        List<Mentor> mentorList = new ArrayList<>();
        for (int j = 0; j < mentors; j++) {
            String id = people.get(mentees + j);
            Integer capacity = random.nextInt(3) == 0 ? null : 1 + random.nextInt(2);
            mentorList.add(new Mentor(id, pick(random, INSTITUTES), chart.reportingLine(id, 4), languages(random),
                    formats(random), pick(random, PLACES), random.nextInt(9), random.nextInt(12),
                    new HashSet<>(rankedTopics(random)), capacity, diversity(random), availability(random)));
        }
        Set<PairKey> excluded = new HashSet<>();
        for (int k = 0; k < (mentees * mentors) / 10; k++) {
            excluded.add(new PairKey(pick(random, menteeList).id(), pick(random, mentorList).id()));
        }
        excluded.add(new PairKey("someone-gone", "mentor-000")); // outside the pool: ignored
        List<PairKey> confirmed = new ArrayList<>();
        Map<String, Integer> used = new HashMap<>();
        for (Mentee m : menteeList) {
            if (!mentorList.isEmpty() && random.nextInt(8) == 0) {
                Mentor mentor = pick(random, mentorList);
                int capacity = mentor.effectiveCapacity(settings);
                if (used.getOrDefault(mentor.id(), 0) < capacity) {
                    used.merge(mentor.id(), 1, Integer::sum);
                    confirmed.add(new PairKey(m.id(), mentor.id()));
                }
            }
        }
        return new MatchingProblem(settings, menteeList, mentorList, excluded, confirmed);
    }

    /** The same problem with every list and set in another order. */
    static MatchingProblem shuffled(MatchingProblem p, Random random) {
        List<Mentee> mentees = new ArrayList<>(p.mentees());
        List<Mentor> mentors = new ArrayList<>(p.mentors());
        List<PairKey> confirmed = new ArrayList<>(p.confirmedPairs());
        List<PairKey> excluded = new ArrayList<>(p.excludedPairs());
        Collections.shuffle(mentees, random);
        Collections.shuffle(mentors, random);
        Collections.shuffle(confirmed, random);
        Collections.shuffle(excluded, random);
        return new MatchingProblem(p.settings(), mentees, mentors, new java.util.LinkedHashSet<>(excluded),
                confirmed);
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static Set<String> languages(Random random) {
        Set<String> set = new HashSet<>();
        for (String l : LANGUAGES) {
            if (random.nextInt(3) == 0) {
                set.add(l);
            }
        }
        if (set.isEmpty() && random.nextInt(4) > 0) {
            set.add("en");
        }
        return set;
    }

    private static Set<MeetingFormat> formats(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> EnumSet.of(MeetingFormat.IN_PERSON);
            case 1 -> EnumSet.of(MeetingFormat.ONLINE);
            case 2 -> EnumSet.noneOf(MeetingFormat.class);
            default -> EnumSet.allOf(MeetingFormat.class);
        };
    }

    private static List<String> rankedTopics(Random random) {
        List<String> topics = new ArrayList<>(List.of(TOPICS));
        Collections.shuffle(topics, random);
        return List.copyOf(topics.subList(0, random.nextInt(4)));
    }

    /**
     * Half state no availability; the others one to three weekdays with a window of 30 minutes to 10 hours on the
     * half hour (sometimes across midnight) in zones with northern, southern, half-hour or no summer time.
     */
    private static WeeklyAvailability availability(Random random) {
        if (random.nextBoolean()) {
            return null;
        }
        EnumSet<java.time.DayOfWeek> days = EnumSet.noneOf(java.time.DayOfWeek.class);
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
            days.add(java.time.DayOfWeek.of(1 + random.nextInt(7)));
        }
        java.time.LocalTime from = java.time.LocalTime.MIDNIGHT.plusMinutes(30L * random.nextInt(48));
        java.time.LocalTime to = from.plusMinutes(30L * (1 + random.nextInt(20)));
        return new WeeklyAvailability(days, from, to, java.time.ZoneId.of(pick(random, ZONES)));
    }

    private static Map<String, String> diversity(Random random) {
        Map<String, String> map = new HashMap<>();
        for (String[] attribute : DIVERSITY) {
            if (random.nextBoolean()) {
                map.put(attribute[0], attribute[1 + random.nextInt(attribute.length - 1)]);
            }
        }
        return map;
    }
}
