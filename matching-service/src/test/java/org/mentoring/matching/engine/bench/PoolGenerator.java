package org.mentoring.matching.engine.bench;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.mentoring.matching.engine.Location;
import org.mentoring.matching.engine.MatchingProblem;
import org.mentoring.matching.engine.MatchingSettings;
import org.mentoring.matching.engine.MatchingWeights;
import org.mentoring.matching.engine.MeetingFormat;
import org.mentoring.matching.engine.Mentee;
import org.mentoring.matching.engine.Mentor;
import org.mentoring.matching.engine.OrgChart;
import org.mentoring.matching.engine.PairKey;

/**
 * Seeded pools of people for the end-to-end benchmark of {@code MatchingEngine}: 40 institutes, an org tree,
 * 30 cities, 4 languages, a 12-topic catalogue, mixed meeting formats, partial consent to diversity attributes.
 */
public final class PoolGenerator {

    private static final String[] TOPICS = {"ai", "social-media", "new-work", "diversity", "agile", "gen-z",
        "remote-leadership", "sustainability", "data", "open-science", "communication", "wellbeing"};
    private static final String[] LANGUAGES = {"de", "en", "fr", "es"};

    private PoolGenerator() {
    }

    public static MatchingProblem generate(int mentees, int mentors, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        MatchingSettings settings = new MatchingSettings(MatchingWeights.defaults(), 2, 80, 2, 5,
                MatchingSettings.DEFAULT_DIVERSITY_ATTRIBUTES);
        Location[] cities = new Location[30];
        for (int c = 0; c < cities.length; c++) {
            cities[c] = Location.of("city-" + c, 47.5 + random.nextDouble() * 7, 6 + random.nextDouble() * 9);
        }
        // org tree: 200 managers above the participants
        Map<String, String> managerOf = new HashMap<>();
        List<String> nodes = new ArrayList<>();
        nodes.add("root");
        for (int k = 0; k < 200; k++) {
            String id = "manager-" + k;
            managerOf.put(id, nodes.get(random.nextInt(nodes.size())));
            nodes.add(id);
        }
        List<Mentee> menteeList = new ArrayList<>(mentees);
        for (int i = 0; i < mentees; i++) {
            String id = String.format(Locale.ROOT, "mentee-%06d", i);
            managerOf.put(id, nodes.get(random.nextInt(nodes.size())));
            nodes.add(id);
        }
        List<Mentor> mentorList = new ArrayList<>(mentors);
        for (int j = 0; j < mentors; j++) {
            String id = String.format(Locale.ROOT, "mentor-%06d", j);
            managerOf.put(id, nodes.get(random.nextInt(nodes.size())));
        }
        OrgChart chart = OrgChart.of(managerOf);
        for (int i = 0; i < mentees; i++) {
            String id = String.format(Locale.ROOT, "mentee-%06d", i);
            menteeList.add(new Mentee(id, "institute-" + random.nextInt(40), chart.reportingLine(id, 3),
                    languages(random), formats(random), location(random, cities), 2 + random.nextInt(7),
                    12 + random.nextInt(25), topics(random), diversity(random)));
        }
        for (int j = 0; j < mentors; j++) {
            String id = String.format(Locale.ROOT, "mentor-%06d", j);
            Integer capacity = random.nextInt(4) == 0 ? null : 1; // a quarter take the programme's limit of 2
            mentorList.add(new Mentor(id, "institute-" + random.nextInt(40), chart.reportingLine(id, 3),
                    languages(random), formats(random), location(random, cities), 2 + random.nextInt(7),
                    random.nextInt(8), new HashSet<>(topics(random)), capacity, diversity(random)));
        }
        Set<PairKey> excluded = new HashSet<>();
        for (int k = 0; k < mentees / 10; k++) {
            excluded.add(new PairKey(menteeList.get(random.nextInt(mentees)).id(),
                    mentorList.get(random.nextInt(mentors)).id()));
        }
        return new MatchingProblem(settings, menteeList, mentorList, excluded, List.of());
    }

    private static Location location(SplittableRandom random, Location[] cities) {
        return random.nextInt(20) == 0 ? Location.named("somewhere") : cities[random.nextInt(cities.length)];
    }

    private static Set<String> languages(SplittableRandom random) {
        Set<String> set = new HashSet<>();
        set.add(random.nextInt(5) == 0 ? "en" : "de");
        for (String l : LANGUAGES) {
            if (random.nextInt(4) == 0) {
                set.add(l);
            }
        }
        return set;
    }

    private static Set<MeetingFormat> formats(SplittableRandom random) {
        int r = random.nextInt(10);
        return r == 0 ? EnumSet.of(MeetingFormat.IN_PERSON)
                : r < 3 ? EnumSet.of(MeetingFormat.ONLINE) : EnumSet.allOf(MeetingFormat.class);
    }

    private static List<String> topics(SplittableRandom random) {
        List<String> list = new ArrayList<>();
        int count = 1 + random.nextInt(5);
        while (list.size() < count) {
            String t = TOPICS[random.nextInt(TOPICS.length)];
            if (!list.contains(t)) {
                list.add(t);
            }
        }
        return list;
    }

    private static Map<String, String> diversity(SplittableRandom random) {
        Map<String, String> map = new HashMap<>();
        if (random.nextBoolean()) {
            map.put("generation", new String[] {"boomer", "X", "Y", "Z"}[random.nextInt(4)]);
        }
        if (random.nextBoolean()) {
            map.put("gender", new String[] {"f", "m", "d"}[random.nextInt(3)]);
        }
        if (random.nextInt(3) == 0) {
            map.put("background", new String[] {"stem", "humanities", "admin"}[random.nextInt(3)]);
        }
        return map;
    }
}
