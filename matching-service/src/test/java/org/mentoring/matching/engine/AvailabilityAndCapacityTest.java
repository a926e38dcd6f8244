package org.mentoring.matching.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mentoring.matching.engine.TestPeople.mentee;
import static org.mentoring.matching.engine.TestPeople.mentor;
import static org.mentoring.matching.engine.TestPeople.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Weekly availability (the overlap rule and its part of the score) and a mentor's own capacity. */
class AvailabilityAndCapacityTest {

    private final MatchingEngine engine = new MatchingEngine();

    private PairAssessment assess(MatchingSettings settings, Mentee mentee, Mentor mentor) {
        return engine.assessPair(MatchingProblem.of(settings, List.of(mentee), List.of(mentor)), mentee.id(),
                mentor.id());
    }

    /** Availability as "DAYS FROM-TO ZONE", for example "MONDAY,TUESDAY 09:00-17:00 UTC"; "-" for none. */
    private static TestPeople.MenteeBuilder menteeAvailable(String spec) {
        TestPeople.MenteeBuilder b = mentee("anna");
        return spec.equals("-") ? b : b.available(days(spec), from(spec), to(spec), zone(spec));
    }

    private static TestPeople.MentorBuilder mentorAvailable(String spec) {
        TestPeople.MentorBuilder b = mentor("ben");
        return spec.equals("-") ? b : b.available(days(spec), from(spec), to(spec), zone(spec));
    }

    private static String days(String spec) {
        return spec.split(" ")[0];
    }

    private static String from(String spec) {
        return spec.split(" ")[1].split("-")[0];
    }

    private static String to(String spec) {
        return spec.split(" ")[1].split("-")[1];
    }

    private static String zone(String spec) {
        return spec.split(" ")[2];
    }

    static Stream<Arguments> windows() {
        return Stream.of(
                // mentee, mentor, passes the rule, minutes in common per week in the worst week (-1: not stated)
                Arguments.of("MONDAY 09:00-17:00 UTC", "MONDAY 16:00-18:00 UTC", true, 60),
                Arguments.of("MONDAY 09:00-17:00 UTC", "MONDAY 16:30-18:00 UTC", false, 30),
                Arguments.of("MONDAY 09:00-17:00 UTC", "TUESDAY 09:00-17:00 UTC", false, 0),
                Arguments.of("MONDAY,WEDNESDAY 09:00-10:00 UTC", "WEDNESDAY,FRIDAY 09:00-12:00 UTC", true, 60),
                // one common hour: enough, and counted once per shared weekday
                Arguments.of("MONDAY,TUESDAY 10:00-11:00 UTC", "MONDAY,TUESDAY 10:00-11:00 UTC", true, 120),
                // the same office hours six hours apart still share two hours, summer or winter
                Arguments.of("MONDAY 09:00-17:00 Europe/Berlin", "MONDAY 09:00-17:00 America/New_York", true, 120),
                // one hour in common most of the year, none in the weeks when only one of the zones is on summer
                // time (Europe and North America move their clocks on different Sundays)
                Arguments.of("MONDAY 15:00-16:00 Europe/Berlin", "MONDAY 09:00-10:00 America/New_York", false, 0),
                // Berlin is UTC+1 in winter, UTC+2 in summer: 10:00 Berlin is 09:00 or 08:00 UTC
                Arguments.of("MONDAY 10:00-11:00 Europe/Berlin", "MONDAY 09:00-10:00 UTC", false, 0),
                Arguments.of("MONDAY 10:00-12:00 Europe/Berlin", "MONDAY 09:00-10:00 UTC", true, 60),
                // half-hour zone: 14:30 in Kolkata (UTC+5:30, no summer time) is 09:00 UTC
                Arguments.of("MONDAY 14:30-15:30 Asia/Kolkata", "MONDAY 09:00-10:00 UTC", true, 60),
                // Monday 08:00-10:00 in Tokyo (UTC+9) is Sunday 23:00 to Monday 01:00 UTC
                Arguments.of("MONDAY 08:00-10:00 Asia/Tokyo", "SUNDAY 23:00-23:59 UTC", false, 59),
                Arguments.of("MONDAY 08:00-10:00 Asia/Tokyo", "MONDAY 00:00-01:00 UTC", true, 60),
                // across midnight and across the end of the UTC week at once: Sunday 23:30 to Monday 00:30
                Arguments.of("MONDAY 08:00-10:00 Asia/Tokyo", "SUNDAY 23:30-00:30 UTC", true, 60),
                // a window crossing midnight in the person's own zone
                Arguments.of("FRIDAY 22:00-01:00 Europe/Berlin", "SATURDAY 00:00-02:00 Europe/Berlin", true, 60),
                Arguments.of("FRIDAY 22:00-24:00 Europe/Berlin", "SATURDAY 00:00-02:00 Europe/Berlin", false, 0),
                // southern summer time: 19:00 in Sydney is 08:00 UTC in January (UTC+11), 09:00 UTC in July
                Arguments.of("TUESDAY 19:00-21:00 Australia/Sydney", "TUESDAY 10:00-11:00 UTC", false, 0),
                Arguments.of("TUESDAY 19:00-21:00 Australia/Sydney", "TUESDAY 09:00-10:00 UTC", true, 60),
                // whoever states nothing can meet any time: no rule, no change to the score
                Arguments.of("-", "MONDAY 09:00-10:00 UTC", true, -1),
                Arguments.of("MONDAY 09:00-10:00 UTC", "-", true, -1),
                Arguments.of("-", "-", true, -1));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("windows")
    void windowsMustShareAnHourInEveryWeek(String menteeWindow, String mentorWindow, boolean passes,
            int sharedMinutes) {
        Mentee anna = menteeAvailable(menteeWindow).build();
        Mentor ben = mentorAvailable(mentorWindow).build();
        PairAssessment pair = assess(settings(), anna, ben);

        assertThat(pair.feasible()).isEqualTo(passes);
        if (passes) {
            assertThat(pair.passedRules()).contains(HardRule.AVAILABILITY_OVERLAP);
        } else {
            assertThat(pair.brokenRules()).containsExactly(HardRule.AVAILABILITY_OVERLAP);
        }
        assertThat(pair.sharedWeeklyMinutes()).isEqualTo(sharedMinutes < 0 ? null : sharedMinutes);
        // the rule is symmetric, whoever is the mentee
        assertThat(RuleOracle.broken(MatchingProblem.of(settings(), List.of(anna), List.of(ben)), anna, ben)
                .contains(HardRule.AVAILABILITY_OVERLAP)).isEqualTo(!passes);

        MatchingResult run = engine.match(MatchingProblem.of(settings(), List.of(anna), List.of(ben)));
        assertThat(run.proposals()).hasSize(passes ? 1 : 0);
    }

    @ParameterizedTest(name = "{0} / {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # mentee                          | mentor                            | availability score
            # not stated: the ratio of monthly hours, 4 / 8
            -                                 | MONDAY 09:00-11:00 UTC            | 0.5
            # the smaller window (2 h) lies inside the other: share 1, mean of 0.5 and 1
            MONDAY 09:00-17:00 UTC            | MONDAY 09:00-11:00 UTC            | 0.75
            # one hour of the smaller window (2 h) in common: share 0.5
            MONDAY,TUESDAY 09:00-11:00 UTC    | MONDAY 10:00-12:00 UTC            | 0.5
            # 2 of 3 hours: share 0.666667, mean 0.583334 (rounded half up)
            MONDAY 09:00-12:00 UTC            | MONDAY 10:00-14:00 UTC            | 0.583334
            """)
    void sharedTimeCountsInTheAvailabilityScore(String menteeWindow, String mentorWindow, double expected) {
        Mentee anna = menteeAvailable(menteeWindow.trim()).hours(4).build();
        Mentor ben = mentorAvailable(mentorWindow.trim()).hours(8).build();
        assertThat(assess(settings(), anna, ben).score().availability()).isEqualTo(expected);
    }

    @Test
    void theHigherShareOfCommonTimeWinsTheMentor() {
        // one mentor, two mentees equal in everything but their weekly windows: the optimum takes the one who
        // can meet the mentor all of the mentor's time
        MatchingSettings s = settings().withWeights(new MatchingWeights(0, 0, 1, 0));
        Mentor ben = mentor("ben").available("MONDAY", "09:00", "11:00", "Europe/Berlin").build();
        Mentee anna = mentee("anna").available("MONDAY", "10:00", "12:00", "Europe/Berlin").build();
        Mentee carl = mentee("carl").available("MONDAY", "08:00", "12:00", "Europe/Berlin").build();
        MatchingResult result = engine.match(MatchingProblem.of(s, List.of(anna, carl), List.of(ben)));

        assertThat(result.proposals()).extracting(ProposedPair::menteeId).containsExactly("carl");
        assertThat(result.proposals().get(0).assessment().sharedWeeklyMinutes()).isEqualTo(120);
        assertThat(result.certifiedOptimal()).isTrue();
    }

    @Test
    void anApplicantWithoutACommonHourIsToldSo() {
        Mentee anna = mentee("anna").available("MONDAY,TUESDAY", "09:00", "10:00", "Europe/Berlin").build();
        Mentor ben = mentor("ben").available("MONDAY", "18:00", "20:00", "Europe/Berlin").build();
        Mentor eve = mentor("eve").institute("Institute A").build(); // anna's own institute: refused earlier
        MatchingResult result = engine.match(MatchingProblem.of(settings(), List.of(anna), List.of(ben, eve)));

        assertThat(result.proposals()).isEmpty();
        UnmatchedApplicant unmatched = result.unmatched().stream().filter(u -> u.id().equals("anna")).findFirst()
                .orElseThrow();
        assertThat(unmatched.reasonCode()).isEqualTo("availability-overlap");
        assertThat(unmatched.reason()).isEqualTo("no mentor outside their institute has at least 60 minutes in a"
                + " row of weekly availability in common with them, every week (they can meet: Mon, Tue"
                + " 09:00-10:00 Europe/Berlin)");
        assertThat(unmatched.failingByRule()).containsEntry(HardRule.AVAILABILITY_OVERLAP, 1)
                .containsEntry(HardRule.DIFFERENT_INSTITUTE, 1);
        UnmatchedApplicant forBen = result.unmatched().stream().filter(u -> u.id().equals("ben")).findFirst()
                .orElseThrow();
        assertThat(forBen.reasonCode()).isEqualTo("availability-overlap");
        assertThat(forBen.reason()).endsWith("(they can meet: Mon 18:00-20:00 Europe/Berlin)");
    }

    @Test
    void availabilityIsReadStrictlyWithClearMessages() {
        WeeklyAvailability a = WeeklyAvailability.parse(List.of("tuesday", "MONDAY", "monday"), "09:30", "24:00",
                "Europe/Berlin");
        assertThat(a.weekdays()).containsExactly(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.TUESDAY);
        assertThat(a.windowMinutes()).isEqualTo(14 * 60 + 30);
        assertThat(a.crossesMidnight()).isTrue();
        assertThat(a.describe()).isEqualTo("Mon, Tue 09:30-00:00 Europe/Berlin");

        assertThatThrownBy(() -> WeeklyAvailability.parse(List.of("MONDAY"), "09:00", "17:00", "Mars/Olympus"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Mars/Olympus");
        assertThatThrownBy(() -> WeeklyAvailability.parse(List.of("FUNDAY"), "09:00", "17:00", "UTC"))
                .hasMessageContaining("FUNDAY");
        assertThatThrownBy(() -> WeeklyAvailability.parse(List.of(), "09:00", "17:00", "UTC"))
                .hasMessageContaining("at least one weekday");
        assertThatThrownBy(() -> WeeklyAvailability.parse(List.of("MONDAY"), "9am", "17:00", "UTC"))
                .hasMessageContaining("from must be a time HH:mm");
        assertThatThrownBy(() -> WeeklyAvailability.parse(List.of("MONDAY"), "25:00", "17:00", "UTC"))
                .hasMessageContaining("HH:mm");
        assertThatThrownBy(() -> WeeklyAvailability.parse(List.of("MONDAY"), "09:00", "09:00", "UTC"))
                .hasMessageContaining("must not be empty");
    }

    @ParameterizedTest(name = "own {0}, programme {1}: {2}")
    @CsvSource(nullValues = "-", textBlock = """
            -, 1, 1
            -, 2, 2
            1, 2, 1
            2, 2, 2
            2, 1, 1
            3, 2, 2
            0, 2, 0
            """)
    void aMentorTakesAtMostTheSmallerOfTheirOwnAndTheProgrammesLimit(Integer own, int programme, int expected) {
        MatchingSettings s = settings().withDefaultMentorCapacity(programme);
        Mentor ben = mentor("ben").capacity(own).build();
        assertThat(ben.effectiveCapacity(s)).isEqualTo(expected);

        List<Mentee> mentees = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            mentees.add(mentee("mentee-" + k).build());
        }
        MatchingResult result = engine.match(MatchingProblem.of(s, mentees, List.of(ben)));
        assertThat(result.proposals()).hasSize(expected);
        assertThat(result.certifiedOptimal()).isTrue();
        assertThat(result.unmatched()).filteredOn(u -> u.role() == Role.MENTEE).hasSize(4 - expected)
                .allSatisfy(u -> assertThat(u.reasonCode()).isEqualTo(expected == 0 ? "mentor-capacity"
                        : UnmatchedApplicant.CANDIDATES_TAKEN));
    }

    @Test
    void ownCapacityOneLeavesTheSecondMenteeToAnotherMentor() {
        // programme limit 2; ben (best topic fit for both) takes only one, so carl goes to eve
        MatchingSettings s = settings().withDefaultMentorCapacity(2).withWeights(new MatchingWeights(1, 0, 0, 0));
        Mentor ben = mentor("ben").topics("ai", "agile").capacity(1).build();
        Mentor eve = mentor("eve").topics("ai").build();
        Mentee anna = mentee("anna").topics("agile", "ai").build();
        Mentee carl = mentee("carl").topics("ai", "agile").build();
        MatchingResult result = engine.match(MatchingProblem.of(s, List.of(anna, carl), List.of(ben, eve)));

        assertThat(result.proposals()).extracting(ProposedPair::menteeId, ProposedPair::mentorId)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("anna", "ben"),
                        org.assertj.core.groups.Tuple.tuple("carl", "eve"));
        // without her own limit, ben would have taken both
        Mentor unlimited = mentor("ben").topics("ai", "agile").build();
        assertThat(engine.match(MatchingProblem.of(s, List.of(anna, carl), List.of(unlimited, eve))).proposals())
                .extracting(ProposedPair::mentorId).containsOnly("ben");
    }
}
