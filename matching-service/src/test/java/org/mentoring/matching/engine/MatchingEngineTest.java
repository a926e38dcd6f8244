package org.mentoring.matching.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mentoring.matching.engine.TestPeople.mentee;
import static org.mentoring.matching.engine.TestPeople.mentor;
import static org.mentoring.matching.engine.TestPeople.settings;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The whole engine on random pools: optimal, rule-abiding, deterministic, explained. */
class MatchingEngineTest {

    private final MatchingEngine engine = new MatchingEngine();

    @Test
    void objectiveEqualsBruteForceOnSmallPools() {
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            MatchingProblem problem = RandomPools.problem(random, 1 + random.nextInt(8), 1 + random.nextInt(8));
            MatchingResult result = engine.match(problem);
            assertThat(new long[] {result.matchedMentees(), result.totalScoreMicros()}).as("seed %d", seed)
                    .containsExactly(bruteForce(problem));
        }
    }

    /**
     * Every assignment that keeps the confirmed pairs, uses only pairs the rule oracle allows and respects the
     * capacities; scores from {@link MatchingEngine#assessPair}.
     */
    private long[] bruteForce(MatchingProblem problem) {
        List<Mentee> mentees = problem.mentees();
        List<Mentor> mentors = problem.mentors();
        Map<String, String> confirmed = new HashMap<>();
        problem.confirmedPairs().forEach(p -> confirmed.put(p.menteeId(), p.mentorId()));
        int[] left = new int[mentors.size()];
        long fixedCount = 0;
        long fixedScore = 0;
        long[][] score = new long[mentees.size()][mentors.size()];
        for (int j = 0; j < mentors.size(); j++) {
            left[j] = mentors.get(j).effectiveCapacity(problem.settings());
        }
        for (int i = 0; i < mentees.size(); i++) {
            for (int j = 0; j < mentors.size(); j++) {
                Mentee a = mentees.get(i);
                Mentor b = mentors.get(j);
                boolean isConfirmed = b.id().equals(confirmed.get(a.id()));
                long micros = Math.round(engine.assessPair(problem, a.id(), b.id()).score().total() * 1e6);
                if (isConfirmed) {
                    left[j]--;
                    fixedCount++;
                    fixedScore += micros;
                }
                score[i][j] = confirmed.containsKey(a.id()) || !RuleOracle.broken(problem, a, b).isEmpty() ? -1
                        : micros;
            }
        }
        long[] best = {-1, -1};
        search(score, 0, left, 0, 0, best);
        return new long[] {best[0] + fixedCount, best[1] + fixedScore};
    }

    private static void search(long[][] score, int i, int[] left, long count, long total, long[] best) {
        if (i == score.length) {
            if (count > best[0] || (count == best[0] && total > best[1])) {
                best[0] = count;
                best[1] = total;
            }
            return;
        }
        search(score, i + 1, left, count, total, best);
        for (int j = 0; j < left.length; j++) {
            if (score[i][j] >= 0 && left[j] > 0) {
                left[j]--;
                search(score, i + 1, left, count + 1, total + score[i][j], best);
                left[j]++;
            }
        }
    }

    @Test
    void objectiveEqualsHungarianOnMediumPools() {
        for (int seed = 0; seed < 4; seed++) {
            Random random = new Random(100 + seed);
            MatchingProblem problem = RandomPools.problem(random, 180 + random.nextInt(40), 150 + random.nextInt(60));
            MatchingResult result = engine.match(problem);
            CompiledPool pool = CompiledPool.compile(problem);
            long[] reference = ReferenceSolvers.hungarian(pool.feasibleGraph());
            long fixedScore = 0;
            for (int i = 0; i < pool.n; i++) {
                if (pool.confirmedMentor[i] >= 0) {
                    fixedScore += pool.scoreMicros(i, pool.confirmedMentor[i]);
                }
            }
            assertThat(result.matchedMentees()).isEqualTo(reference[0] + problem.confirmedPairs().size());
            assertThat(result.totalScoreMicros()).isEqualTo(reference[1] + fixedScore);
        }
    }

    @Test
    void everyProposalPassesEveryHardRuleAndNobodyIsOverbooked() {
        for (int seed = 0; seed < 150; seed++) {
            Random random = new Random(5000 + seed);
            MatchingProblem problem = RandomPools.problem(random, 1 + random.nextInt(40), 1 + random.nextInt(40));
            MatchingResult result = engine.match(problem);
            checkResult(problem, result, seed);
        }
    }

    private void checkResult(MatchingProblem problem, MatchingResult result, int seed) {
        Map<String, Mentee> mentees = new HashMap<>();
        problem.mentees().forEach(m -> mentees.put(m.id(), m));
        Map<String, Mentor> mentors = new HashMap<>();
        problem.mentors().forEach(m -> mentors.put(m.id(), m));
        Set<PairKey> confirmed = new HashSet<>(problem.confirmedPairs());

        Set<String> pairedMentees = new HashSet<>();
        Map<String, Integer> load = new HashMap<>();
        long total = 0;
        for (ProposedPair p : result.proposals()) {
            assertThat(pairedMentees.add(p.menteeId())).as("seed %d: %s twice", seed, p.menteeId()).isTrue();
            load.merge(p.mentorId(), 1, Integer::sum);
            PairKey key = new PairKey(p.menteeId(), p.mentorId());
            assertThat(p.confirmed()).isEqualTo(confirmed.contains(key));
            if (!p.confirmed()) {
                assertThat(RuleOracle.broken(problem, mentees.get(p.menteeId()), mentors.get(p.mentorId())))
                        .as("seed %d: %s", seed, key).isEmpty();
                assertThat(p.assessment().passedRules()).containsExactly(HardRule.values());
            }
            total += Math.round(p.score() * 1e6);
        }
        assertThat(pairedMentees).as("confirmed pairs are kept")
                .containsAll(problem.confirmedPairs().stream().map(PairKey::menteeId).toList());
        load.forEach((mentor, count) -> assertThat(count)
                .isLessThanOrEqualTo(mentors.get(mentor).effectiveCapacity(problem.settings())));
        assertThat(result.totalScoreMicros()).isEqualTo(total);
        assertThat(result.matchedMentees()).isEqualTo(result.proposals().size());

        // the unmatched are exactly those without a partner, each with a reason
        Set<String> expectedUnmatched = new HashSet<>();
        problem.mentees().stream().map(Mentee::id).filter(id -> !pairedMentees.contains(id))
                .forEach(expectedUnmatched::add);
        problem.mentors().stream().map(Mentor::id).filter(id -> !load.containsKey(id))
                .forEach(expectedUnmatched::add);
        assertThat(result.unmatched()).extracting(UnmatchedApplicant::id)
                .containsExactlyInAnyOrderElementsOf(expectedUnmatched);
        Set<String> codes = new HashSet<>(Set.of(UnmatchedApplicant.NO_CANDIDATES,
                UnmatchedApplicant.CANDIDATES_TAKEN));
        for (HardRule rule : HardRule.values()) {
            codes.add(rule.id());
        }
        for (UnmatchedApplicant u : result.unmatched()) {
            assertThat(u.reason()).isNotBlank();
            assertThat(codes).contains(u.reasonCode());
            boolean ruleBlocks = !u.reasonCode().equals(UnmatchedApplicant.CANDIDATES_TAKEN)
                    && !u.reasonCode().equals(HardRule.MENTOR_CAPACITY.id());
            if (ruleBlocks) {
                assertThat(u.feasibleCandidates()).as("seed %d: %s", seed, u).isZero();
            }
        }
        // maximal: no unmatched mentee has an allowed mentor with room left
        for (Mentee m : problem.mentees()) {
            if (pairedMentees.contains(m.id())) {
                continue;
            }
            for (Mentor o : problem.mentors()) {
                boolean room = load.getOrDefault(o.id(), 0) < o.effectiveCapacity(problem.settings());
                assertThat(room && RuleOracle.broken(problem, m, o).isEmpty())
                        .as("seed %d: %s could still take %s", seed, o.id(), m.id()).isFalse();
            }
        }
    }

    @Test
    void sameInputInAnyOrderGivesTheSameResult() {
        for (int seed = 0; seed < 40; seed++) {
            Random random = new Random(9000 + seed);
            MatchingProblem problem = RandomPools.problem(random, 5 + random.nextInt(60), 5 + random.nextInt(60));
            MatchingResult first = engine.match(problem);
            assertThat(engine.match(problem)).isEqualTo(first);
            for (int k = 0; k < 3; k++) {
                assertThat(engine.match(RandomPools.shuffled(problem, random))).as("seed %d", seed)
                        .isEqualTo(first);
            }
        }
    }

    @Test
    void greedyNeverBeatsTheEngine() {
        boolean lost = false;
        for (int seed = 0; seed < 60; seed++) {
            Random random = new Random(7000 + seed);
            MatchingProblem problem = RandomPools.problem(random, 10 + random.nextInt(50), 10 + random.nextInt(50));
            MatchingEngine.Objective best = engine.match(problem).objective();
            MatchingEngine.Objective greedy = engine.greedyObjective(problem);
            assertThat(greedy.matchedMentees()).isLessThanOrEqualTo(best.matchedMentees());
            if (greedy.matchedMentees() == best.matchedMentees()) {
                assertThat(greedy.totalScoreMicros()).isLessThanOrEqualTo(best.totalScoreMicros());
            }
            lost |= !greedy.equals(best);
        }
        assertThat(lost).as("greedy loses somewhere").isTrue();
    }

    @Test
    void fairnessSummaryDescribesTheRun() {
        MatchingSettings settings = settings().withWeights(new MatchingWeights(1, 0, 0, 0));
        List<Mentee> mentees = List.of(
                mentee("m1").topics("ai").build(),
                mentee("m2").topics("ai", "agile").build(),
                mentee("m3").topics("agile", "ai").build(),
                mentee("m4").institute("Institute B").build());
        List<Mentor> mentors = List.of(
                mentor("t1").topics("ai").location(TestPeople.MUNICH).capacity(1).build(),
                mentor("t2").topics("ai").capacity(2).build());
        MatchingResult result = engine.match(MatchingProblem.of(settings.withDefaultMentorCapacity(2), mentees,
                mentors));

        // three pairs with topic fit 1, 2/3 and 1/3; m4 shares the mentors' institute
        assertThat(result.proposals()).hasSize(3);
        FairnessSummary f = result.fairness();
        assertThat(f.scores().count()).isEqualTo(3);
        assertThat(f.scores().min()).isEqualTo(0.333333);
        assertThat(f.scores().median()).isEqualTo(0.666667);
        assertThat(f.scores().max()).isEqualTo(1.0);
        assertThat(f.scores().firstQuartile()).isEqualTo(0.5);
        assertThat(f.scores().mean()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(f.inPersonShare()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.byRole()).containsExactly(new FairnessSummary.GroupShare("mentee", 4, 3, 0.75),
                new FairnessSummary.GroupShare("mentor", 2, 2, 1.0));
        assertThat(f.byInstitute()).containsExactly(new FairnessSummary.GroupShare("Institute A", 3, 3, 1.0),
                new FairnessSummary.GroupShare("Institute B", 3, 2, 2.0 / 3));
        assertThat(result.unmatched()).singleElement().extracting(UnmatchedApplicant::reasonCode)
                .isEqualTo("different-institute");
    }

    @Test
    void invalidInputIsRefusedWithAMessage() {
        Mentee anna = mentee("anna").build();
        Mentor ben = mentor("ben").build();
        assertThatThrownBy(() -> new MatchingWeights(-1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topicFit");
        assertThatThrownBy(() -> new MatchingWeights(0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MatchingWeights(Double.NaN, 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings().withMaxDistanceKm(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings().withDefaultMentorCapacity(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings().withHierarchyExclusionLevels(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings().withMinSeniorityGapYears(-2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MatchingProblem.of(settings(), List.of(anna, anna), List.of(ben)))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> MatchingProblem.of(settings(), List.of(anna), List.of(mentor("anna").build())))
                .hasMessageContaining("both a mentee and a mentor");
        assertThatThrownBy(() -> new MatchingProblem(settings(), List.of(anna), List.of(ben), Set.of(),
                List.of(new PairKey("anna", "nobody")))).hasMessageContaining("not in the pool");
        assertThatThrownBy(() -> new MatchingProblem(settings(), List.of(anna), List.of(ben), Set.of(),
                List.of(new PairKey("anna", "ben"), new PairKey("anna", "ben"))))
                .hasMessageContaining("two confirmed pairs");
        assertThatThrownBy(() -> mentee("x").years(-1).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mentee("x").institute(" ").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GeoPoint(91, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.assessPair(MatchingProblem.of(settings(), List.of(anna), List.of(ben)),
                "anna", "nobody")).hasMessageContaining("not in the pool");
    }

    @Test
    void confirmedPairsAreKeptEvenWhenTheRulesChanged() {
        Mentee anna = mentee("anna").languages("de").build();
        Mentor ben = mentor("ben").languages("en").capacity(2).build();
        Mentee carl = mentee("carl").build();
        MatchingResult result = engine.match(new MatchingProblem(settings().withDefaultMentorCapacity(2),
                List.of(anna, carl), List.of(ben), Set.of(), List.of(new PairKey("anna", "ben"))));

        assertThat(result.proposals()).extracting(ProposedPair::menteeId, ProposedPair::confirmed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("anna", true),
                        org.assertj.core.groups.Tuple.tuple("carl", false));
        assertThat(result.proposals().get(0).assessment().brokenRules())
                .containsExactly(HardRule.SHARED_LANGUAGE);
    }

    @Test
    void orgChartWalksUpAndStopsAtCycles() {
        OrgChart chart = OrgChart.of(Map.of("a", "b", "b", "c", "c", "a", "x", "y"));
        assertThat(chart.reportingLine("a", 5)).containsExactly("b", "c");
        assertThat(chart.reportingLine("a", 1)).containsExactly("b");
        assertThat(chart.reportingLine("x", 3)).containsExactly("y");
        assertThat(chart.reportingLine("nobody", 3)).isEmpty();
    }

    @Test
    void allRuleKindsOccurInTheRandomPools() {
        // guards the property tests: the generator must exercise every rule
        Set<HardRule> seen = EnumSet.noneOf(HardRule.class);
        List<String> reasons = new ArrayList<>();
        for (int seed = 0; seed < 60; seed++) {
            Random random = new Random(5000 + seed);
            MatchingProblem problem = RandomPools.problem(random, 1 + random.nextInt(40), 1 + random.nextInt(40));
            for (Mentee a : problem.mentees()) {
                for (Mentor b : problem.mentors()) {
                    seen.addAll(RuleOracle.broken(problem, a, b));
                }
            }
            engine.match(problem).unmatched().forEach(u -> reasons.add(u.reasonCode()));
        }
        assertThat(seen).containsAll(EnumSet.range(HardRule.DIFFERENT_INSTITUTE, HardRule.NOT_EXCLUDED));
        assertThat(reasons).contains(UnmatchedApplicant.CANDIDATES_TAKEN, "shared-language",
                "compatible-format");
    }
}
