package org.mentoring.matching.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mentoring.matching.engine.TestPeople.mentee;
import static org.mentoring.matching.engine.TestPeople.mentor;
import static org.mentoring.matching.engine.TestPeople.settings;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One focused test per hard rule: the pair is refused and the unmatched person is told why. */
class HardRulesTest {

    private final MatchingEngine engine = new MatchingEngine();

    private MatchingResult run(MatchingSettings settings, List<Mentee> mentees, List<Mentor> mentors) {
        return engine.match(MatchingProblem.of(settings, mentees, mentors));
    }

    private static UnmatchedApplicant unmatched(MatchingResult result, String id) {
        return result.unmatched().stream().filter(u -> u.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aPairThatPassesEveryRuleIsProposedWithAllRulesListed() {
        MatchingResult result = run(settings(), List.of(mentee("anna").build()), List.of(mentor("ben").build()));

        assertThat(result.proposals()).hasSize(1);
        ProposedPair proposal = result.proposals().get(0);
        assertThat(proposal.menteeId()).isEqualTo("anna");
        assertThat(proposal.mentorId()).isEqualTo("ben");
        assertThat(proposal.confirmed()).isFalse();
        assertThat(proposal.assessment().passedRules()).containsExactly(HardRule.values());
        assertThat(proposal.assessment().brokenRules()).isEmpty();
        assertThat(result.unmatched()).isEmpty();
        assertThat(result.certifiedOptimal()).isTrue();
    }

    @Test
    void differentInstitute() {
        MatchingResult result = run(settings(), List.of(mentee("anna").institute("Acme Lab").build()),
                List.of(mentor("ben").institute("ACME LAB ").build()));

        assertThat(result.proposals()).isEmpty();
        UnmatchedApplicant anna = unmatched(result, "anna");
        assertThat(anna.reasonCode()).isEqualTo("different-institute");
        assertThat(anna.reason()).isEqualTo("the only mentor is from their own institute (Acme Lab)");
        assertThat(anna.failingByRule()).containsEntry(HardRule.DIFFERENT_INSTITUTE, 1);
        assertThat(unmatched(result, "ben").reason()).isEqualTo("the only mentee is from their own institute (ACME LAB)");
    }

    @Test
    void outsideReportingLine() {
        // the org chart: carla manages dan and anna; dan manages ben. anna and ben live in different institutes
        // (a matrix organisation), so only the reporting-line rule separates them.
        OrgChart chart = OrgChart.of(Map.of("ben", "dan", "dan", "carla", "anna", "carla", "eve", "frank"));
        Mentee anna = mentee("anna").reportingLine(chart.reportingLine("anna", 5)).build();
        Mentor ben = mentor("ben").reportingLine(chart.reportingLine("ben", 5)).build();
        Mentor eve = mentor("eve").reportingLine(chart.reportingLine("eve", 5)).build();

        // two levels: anna's manager carla is ben's skip-level manager: they are in one reporting line
        MatchingResult result = run(settings().withHierarchyExclusionLevels(2), List.of(anna), List.of(ben));
        assertThat(result.proposals()).isEmpty();
        UnmatchedApplicant unmatchedAnna = unmatched(result, "anna");
        assertThat(unmatchedAnna.reasonCode()).isEqualTo("outside-reporting-line");
        assertThat(unmatchedAnna.reason()).isEqualTo("no mentor is outside their reporting line (the rule reaches"
                + " 2 levels: managers, skip-level managers and peers under a shared manager)");

        // one level: no shared direct manager, neither manages the other: allowed
        assertThat(run(settings().withHierarchyExclusionLevels(1), List.of(anna), List.of(ben)).proposals())
                .hasSize(1);
        // zero levels switch the rule off
        assertThat(run(settings().withHierarchyExclusionLevels(0), List.of(anna), List.of(ben)).proposals())
                .hasSize(1);
        // someone from another branch is fine at any level
        assertThat(run(settings().withHierarchyExclusionLevels(5), List.of(anna), List.of(eve)).proposals())
                .hasSize(1);
    }

    @Test
    void reportingLineCoversManagerSkipLevelManagerAndPeers() {
        MatchingSettings oneLevel = settings().withHierarchyExclusionLevels(1);
        MatchingSettings twoLevels = settings().withHierarchyExclusionLevels(2);
        Mentee boss = mentee("boss").reportingLine("ceo").build();
        Mentor direct = mentor("direct").reportingLine("boss", "ceo").build();
        Mentor skip = mentor("skip").reportingLine("lead", "boss", "ceo").build();
        Mentor peer = mentor("peer").reportingLine("ceo").build();
        Mentee peerMentee = mentee("peer-mentee").reportingLine("lead", "boss").build();
        Mentor peerMentor = mentor("peer-mentor").reportingLine("lead", "boss").build();

        assertThat(engine.assessPair(problem(oneLevel, boss, direct), "boss", "direct").brokenRules())
                .containsExactly(HardRule.OUTSIDE_REPORTING_LINE);
        assertThat(engine.assessPair(problem(oneLevel, boss, skip), "boss", "skip").brokenRules()).isEmpty();
        assertThat(engine.assessPair(problem(twoLevels, boss, skip), "boss", "skip").brokenRules())
                .containsExactly(HardRule.OUTSIDE_REPORTING_LINE);
        assertThat(engine.assessPair(problem(oneLevel, boss, peer), "boss", "peer").brokenRules())
                .containsExactly(HardRule.OUTSIDE_REPORTING_LINE);
        assertThat(engine.assessPair(problem(oneLevel, peerMentee, peerMentor), "peer-mentee", "peer-mentor")
                .brokenRules()).containsExactly(HardRule.OUTSIDE_REPORTING_LINE);
    }

    private static MatchingProblem problem(MatchingSettings settings, Mentee mentee, Mentor mentor) {
        return MatchingProblem.of(settings, List.of(mentee), List.of(mentor));
    }

    @Test
    void seniorityGap() {
        MatchingResult result = run(settings().withMinSeniorityGapYears(5), List.of(mentee("anna").years(10).build()),
                List.of(mentor("ben").years(6).build()));

        assertThat(result.proposals()).isEmpty();
        UnmatchedApplicant anna = unmatched(result, "anna");
        assertThat(anna.reasonCode()).isEqualTo("seniority-gap");
        assertThat(anna.reason()).isEqualTo("no mentor has at least 5 years less experience than their 10 years");
        assertThat(unmatched(result, "ben").reason())
                .isEqualTo("no mentee has at least 5 years more experience than their 6 years");
        // exactly the gap is enough
        assertThat(run(settings().withMinSeniorityGapYears(4), List.of(mentee("anna").years(10).build()),
                List.of(mentor("ben").years(6).build())).proposals()).hasSize(1);
    }

    @Test
    void sharedLanguage() {
        MatchingResult result = run(settings(), List.of(mentee("anna").languages("de", "fr").build()),
                List.of(mentor("ben").languages("en").build(),
                        mentor("cleo").institute("Institute A").languages("DE").build()));

        assertThat(result.proposals()).isEmpty();
        UnmatchedApplicant anna = unmatched(result, "anna");
        assertThat(anna.reasonCode()).isEqualTo("shared-language");
        assertThat(anna.reason())
                .isEqualTo("no mentor outside their institute shares a language with them (they speak: de, fr)");
        assertThat(anna.candidates()).isEqualTo(2);
        assertThat(anna.feasibleCandidates()).isZero();
        assertThat(anna.failingByRule()).containsEntry(HardRule.SHARED_LANGUAGE, 1)
                .containsEntry(HardRule.DIFFERENT_INSTITUTE, 1);
    }

    @Test
    void compatibleFormat() {
        MatchingResult result = run(settings(),
                List.of(mentee("anna").formats(MeetingFormat.IN_PERSON).build()),
                List.of(mentor("ben").formats(MeetingFormat.ONLINE).build()));

        assertThat(result.proposals()).isEmpty();
        UnmatchedApplicant anna = unmatched(result, "anna");
        assertThat(anna.reasonCode()).isEqualTo("compatible-format");
        assertThat(anna.reason()).isEqualTo("no mentor accepts a meeting format they accept (they accept: in person)");
    }

    @Test
    void withinDistanceWhenInPersonIsRequired() {
        Mentee anna = mentee("anna").formats(MeetingFormat.IN_PERSON).location(TestPeople.BERLIN).build();
        Mentor far = mentor("far").location(TestPeople.MUNICH).build();
        Mentor near = mentor("near").location(TestPeople.POTSDAM).build();

        MatchingResult result = run(settings().withMaxDistanceKm(50), List.of(anna), List.of(far));
        assertThat(result.proposals()).isEmpty();
        UnmatchedApplicant unmatchedAnna = unmatched(result, "anna");
        assertThat(unmatchedAnna.reasonCode()).isEqualTo("within-distance");
        assertThat(unmatchedAnna.reason())
                .isEqualTo("no mentor is within 50 km (with known coordinates) for their in-person-only meetings");
        assertThat(unmatched(result, "far").reason()).isEqualTo(
                "no mentee is within 50 km (with known coordinates) for the mentee's in-person-only meetings");

        MatchingResult nearby = run(settings().withMaxDistanceKm(50), List.of(anna), List.of(near));
        assertThat(nearby.proposals()).hasSize(1);
        PairAssessment pair = nearby.proposals().get(0).assessment();
        assertThat(pair.meetingMode()).isEqualTo(MeetingMode.IN_PERSON);
        assertThat(pair.distanceKm()).isBetween(25.0, 30.0);
        assertThat(pair.canMeetInPerson()).isTrue();

        // both flexible: far apart is fine, they meet online
        Mentee flexible = mentee("flex").location(TestPeople.BERLIN).build();
        PairAssessment online = run(settings(), List.of(flexible), List.of(far)).proposals().get(0).assessment();
        assertThat(online.meetingMode()).isEqualTo(MeetingMode.EITHER);
        assertThat(online.canMeetInPerson()).isFalse();
    }

    @Test
    void unknownCoordinatesWithInPersonOnlyIsInfeasibleWithAClearReason() {
        Mentee anna = mentee("anna").formats(MeetingFormat.IN_PERSON).location(Location.named("Berlin")).build();
        MatchingResult result = run(settings(), List.of(anna), List.of(mentor("ben").build()));

        assertThat(result.proposals()).isEmpty();
        UnmatchedApplicant unmatchedAnna = unmatched(result, "anna");
        assertThat(unmatchedAnna.reasonCode()).isEqualTo("within-distance");
        assertThat(unmatchedAnna.reason()).isEqualTo(
                "their location has no coordinates, which in-person-only meetings need to check the 50 km limit");
    }

    @Test
    void notExcluded() {
        MatchingProblem problem = new MatchingProblem(settings(), List.of(mentee("anna").build()),
                List.of(mentor("ben").build()), Set.of(new PairKey("anna", "ben")), List.of());
        MatchingResult result = engine.match(problem);

        assertThat(result.proposals()).isEmpty();
        UnmatchedApplicant anna = unmatched(result, "anna");
        assertThat(anna.reasonCode()).isEqualTo("not-excluded");
        assertThat(anna.reason()).isEqualTo(
                "no mentor is left once excluded pairs (admin exclusions and earlier declines) are removed");
    }

    @Test
    void mentorCapacityUsedByConfirmedPairs() {
        MatchingProblem problem = new MatchingProblem(settings(),
                List.of(mentee("anna").build(), mentee("carl").build()),
                List.of(mentor("ben").capacity(1).build()), Set.of(), List.of(new PairKey("carl", "ben")));
        MatchingResult result = engine.match(problem);

        assertThat(result.proposals()).extracting(ProposedPair::menteeId, ProposedPair::confirmed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("carl", true));
        UnmatchedApplicant anna = unmatched(result, "anna");
        assertThat(anna.reasonCode()).isEqualTo("mentor-capacity");
        assertThat(anna.reason()).isEqualTo("the only mentor who passes every rule is at capacity with confirmed pairs");
        assertThat(engine.assessPair(problem, "anna", "ben").brokenRules())
                .containsExactly(HardRule.MENTOR_CAPACITY);
    }

    @Test
    void mentorCapacityInTheOptimumGivesTheMentorToTheBetterPair() {
        // one mentor, two mentees: the one whose whole agenda the mentor covers gets the mentor
        MatchingResult result = run(settings(),
                List.of(mentee("anna").topics("ai").build(), mentee("carl").topics("quantum").build()),
                List.of(mentor("ben").capacity(1).topics("ai").build()));

        assertThat(result.proposals()).extracting(ProposedPair::menteeId).containsExactly("anna");
        UnmatchedApplicant carl = unmatched(result, "carl");
        assertThat(carl.reasonCode()).isEqualTo("candidates-taken");
        assertThat(carl.reason()).isEqualTo("the only mentor who passes every rule went to another mentee:"
                + " pairing them would leave another mentee unmatched or lower the total fit");
        assertThat(carl.feasibleCandidates()).isEqualTo(1);
    }

    @Test
    void mentorWithCapacityTwoTakesTwo() {
        MatchingResult result = run(settings().withDefaultMentorCapacity(2),
                List.of(mentee("anna").build(), mentee("carl").build(), mentee("dora").build()),
                List.of(mentor("ben").capacity(2).build()));

        assertThat(result.proposals()).hasSize(2);
        assertThat(result.unmatched()).extracting(UnmatchedApplicant::reasonCode).containsExactly("candidates-taken");
    }

    @Test
    void aMentorOfCapacityZeroIsToldSo() {
        MatchingResult result = run(settings(), List.of(mentee("anna").build()),
                List.of(mentor("ben").capacity(0).build()));

        assertThat(result.proposals()).isEmpty();
        assertThat(unmatched(result, "ben").reason()).isEqualTo("their capacity is 0 mentees");
        assertThat(unmatched(result, "anna").reasonCode()).isEqualTo("mentor-capacity");
    }

    @Test
    void anEmptyPoolHasNobodyToMatch() {
        MatchingResult result = run(settings(), List.of(mentee("anna").build()), List.of());

        assertThat(result.proposals()).isEmpty();
        assertThat(unmatched(result, "anna").reason()).isEqualTo("there are no mentors in the pool");
        assertThat(unmatched(result, "anna").reasonCode()).isEqualTo("no-candidates");
    }
}
