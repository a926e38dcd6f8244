package org.mentoring.matching.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mentoring.matching.engine.TestPeople.mentee;
import static org.mentoring.matching.engine.TestPeople.mentor;
import static org.mentoring.matching.engine.TestPeople.settings;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The score components and their weighting. */
class ScoringTest {

    private final MatchingEngine engine = new MatchingEngine();

    private PairAssessment assess(MatchingSettings settings, TestPeople.MenteeBuilder a, TestPeople.MentorBuilder b) {
        Mentee mentee = a.build();
        Mentor mentor = b.build();
        return engine.assessPair(MatchingProblem.of(settings, List.of(mentee), List.of(mentor)), mentee.id(),
                mentor.id());
    }

    @Test
    void topicFitWeighsTheMenteesRanking() {
        // ranks weigh 3, 2, 1 (sum 6)
        TestPeople.MenteeBuilder anna = mentee("anna").topics("ai", "agile", "gen-z");
        assertThat(assess(settings(), anna, mentor("ben").topics("ai", "gen-z")).score().topicFit())
                .isEqualTo(0.666667);
        assertThat(assess(settings(), anna, mentor("ben").topics("agile")).score().topicFit()).isEqualTo(0.333333);
        assertThat(assess(settings(), anna, mentor("ben").topics("ai")).score().topicFit()).isEqualTo(0.5);
        assertThat(assess(settings(), anna, mentor("ben").topics("quantum")).score().topicFit()).isZero();
        assertThat(assess(settings(), mentee("x").topics(), mentor("ben")).score().topicFit()).isZero();
        PairAssessment pair = assess(settings(), anna, mentor("ben").topics("gen-z", "ai"));
        assertThat(pair.sharedTopics()).containsExactly("ai", "gen-z");
        // a very long agenda (200 topics, weights 200..1, sum 20100): the first topic alone
        String[] many = java.util.stream.IntStream.range(0, 200).mapToObj(k -> "topic-" + k).toArray(String[]::new);
        assertThat(assess(settings(), mentee("long").topics(many), mentor("ben").topics("topic-0")).score()
                .topicFit()).isEqualTo(0.00995);
    }

    @Test
    void proximityIsOneNearbyHalfAtTheLimitAndNeutralOnline() {
        MatchingSettings s = settings().withMaxDistanceKm(50);
        TestPeople.MenteeBuilder berlin = mentee("anna").location(TestPeople.BERLIN);
        assertThat(assess(s, berlin, mentor("ben").location(TestPeople.BERLIN)).score().proximity()).isEqualTo(1.0);
        double potsdam = assess(s, berlin, mentor("ben").location(TestPeople.POTSDAM)).score().proximity();
        assertThat(potsdam).isBetween(0.7, 0.75); // about 27 km of the 100 km that halve it
        assertThat(assess(s, berlin, mentor("ben").location(TestPeople.MUNICH)).score().proximity()).isEqualTo(0.5);
        assertThat(assess(s, berlin, mentor("ben").formats(MeetingFormat.ONLINE).location(TestPeople.BERLIN))
                .score().proximity()).isEqualTo(0.5);
        assertThat(assess(s, mentee("anna").location(Location.named("Berlin")),
                mentor("ben").location(Location.named(" berlin"))).score().proximity()).isEqualTo(1.0);
        assertThat(assess(s, mentee("anna").location(Location.UNKNOWN), mentor("ben")).score().proximity())
                .isEqualTo(0.5);
    }

    @Test
    void availabilityIsTheRatioOfHours() {
        assertThat(assess(settings(), mentee("anna").hours(4), mentor("ben").hours(8)).score().availability())
                .isEqualTo(0.5);
        assertThat(assess(settings(), mentee("anna").hours(6), mentor("ben").hours(6)).score().availability())
                .isEqualTo(1.0);
        assertThat(assess(settings(), mentee("anna").hours(0), mentor("ben").hours(6)).score().availability())
                .isZero();
    }

    @Test
    void diversityUsesOnlyAttributesBothConsentedTo() {
        TestPeople.MenteeBuilder anna = mentee("anna").diversity("generation", "X").diversity("gender", "f");
        // only generation is consented by both, and it differs: 1 of 3 attributes
        assertThat(assess(settings(), anna, mentor("ben").diversity("generation", "Z").diversity("background", "stem"))
                .score().diversity()).isEqualTo(0.333333);
        assertThat(assess(settings(), anna, mentor("ben").diversity("generation", "Z").diversity("gender", "m"))
                .score().diversity()).isEqualTo(0.666667);
        assertThat(assess(settings(), anna, mentor("ben").diversity("generation", "x")).score().diversity())
                .isZero();
        assertThat(assess(settings(), anna, mentor("ben")).score().diversity()).isZero();
        assertThat(assess(settings().withDiversityAttributes(List.of()), anna,
                mentor("ben").diversity("generation", "Z")).score().diversity()).isZero();
    }

    @Test
    void totalIsTheWeightedMeanOfTheComponents() {
        TestPeople.MenteeBuilder anna = mentee("anna").topics("ai", "agile").hours(4).diversity("gender", "f");
        TestPeople.MentorBuilder ben = mentor("ben").topics("ai").hours(8).diversity("gender", "m")
                .formats(MeetingFormat.ONLINE);
        // topic 2/3, proximity 0.5 (online), availability 0.5, diversity 1/3
        ScoreBreakdown only = assess(settings().withWeights(new MatchingWeights(1, 0, 0, 0)), anna, ben).score();
        assertThat(only.total()).isEqualTo(only.topicFit());
        ScoreBreakdown mixed = assess(settings().withWeights(new MatchingWeights(2, 1, 1, 0)), anna, ben).score();
        assertThat(mixed.topicFit()).isEqualTo(0.666667);
        assertThat(mixed.total()).isEqualTo(0.583334); // (2 * 0.666667 + 0.5 + 0.5) / 4, rounded half up
        ScoreBreakdown scaled = assess(settings().withWeights(new MatchingWeights(4, 2, 2, 0)), anna, ben).score();
        assertThat(scaled).isEqualTo(mixed);
    }
}
