package org.mentoring.matching.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mentoring.matching.engine.ReferenceSolvers.assertValid;
import static org.mentoring.matching.engine.ReferenceSolvers.randomGraph;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The exact solver on the core graph, against independent exact solvers. */
class OptimalMatcherTest {

    private static long[] objective(Assignment a) {
        return new long[] {a.matchedCount(), a.totalScore()};
    }

    @Test
    void equalsBruteForceOnSmallRandomGraphs() {
        for (int seed = 0; seed < 3000; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int mentees = 1 + random.nextInt(8);
            int mentors = 1 + random.nextInt(8);
            int maxScore = switch (seed % 4) {
                case 0 -> 1; // binary
                case 1 -> 3; // many ties
                default -> 1_000_000;
            };
            MatchingGraph g = randomGraph(random, mentees, mentors, random.nextDouble(), maxScore, 0, 2);
            Assignment a = OptimalMatcher.solve(g);
            assertValid(g, a);
            assertThat(objective(a)).as("seed %d", seed).containsExactly(ReferenceSolvers.bruteForce(g));
            assertThat(a.certified()).isTrue();
        }
    }

    @Test
    void equalsHungarianOnMediumRandomGraphs() {
        for (int seed = 0; seed < 18; seed++) {
            SplittableRandom random = new SplittableRandom(1000 + seed);
            int mentees = 160 + random.nextInt(80);
            // balanced, fewer places than mentees (the solver turns around), or plenty of places
            int mentors = switch (seed % 3) {
                case 0 -> mentees;
                case 1 -> mentees / 3;
                default -> 2 * mentees;
            };
            double density = seed % 2 == 0 ? 0.05 : 0.5; // sparse heap search and dense array scan
            int maxScore = seed % 4 == 3 ? 5 : 1_000_000;
            int maxCapacity = mentors > mentees ? 1 : 2;
            MatchingGraph g = randomGraph(random, mentees, mentors, density, maxScore, 1, maxCapacity);
            Assignment a = OptimalMatcher.solve(g);
            assertValid(g, a);
            assertThat(objective(a)).as("seed %d", seed).containsExactly(ReferenceSolvers.hungarian(g));
        }
    }

    @Test
    void equalsHungarianOnCompleteGraphs() {
        for (int seed = 0; seed < 6; seed++) {
            SplittableRandom random = new SplittableRandom(2000 + seed);
            MatchingGraph g = randomGraph(random, 120, 100 + 20 * seed, 1.0, seed < 3 ? 1_000_000 : 1, 1, 1);
            Assignment a = OptimalMatcher.solve(g);
            assertValid(g, a);
            assertThat(objective(a)).as("seed %d", seed).containsExactly(ReferenceSolvers.hungarian(g));
        }
    }

    @Test
    void oneMorePairBeatsAnyScore() {
        // a alone with x scores 100; but a-y plus b-x matches both mentees
        MatchingGraph g = MatchingGraph.builder(2, new int[] {1, 1})
                .addEdge(0, 0, 100).addEdge(0, 1, 1).addEdge(1, 0, 1).build();
        Assignment a = OptimalMatcher.solve(g);
        assertThat(a.mentorOfMentee()).containsExactly(1, 0);
        assertThat(a.matchedCount()).isEqualTo(2);
        assertThat(a.totalScore()).isEqualTo(2);
    }

    @Test
    void theBetterMenteeGetsAScarceMentorWhateverTheOrder() {
        // only one mentor: the mentee with the higher score must get it, even though mentee 0 comes first
        MatchingGraph g = MatchingGraph.builder(2, new int[] {1}).addEdge(0, 0, 1).addEdge(1, 0, 10).build();
        assertThat(OptimalMatcher.solve(g).mentorOfMentee()).containsExactly(-1, 0);
    }

    @Test
    void capacityIsRespectedAndUsed() {
        MatchingGraph g = MatchingGraph.builder(4, new int[] {3, 1})
                .addEdge(0, 0, 5).addEdge(1, 0, 5).addEdge(2, 0, 5).addEdge(3, 0, 9).addEdge(3, 1, 1).build();
        Assignment a = OptimalMatcher.solve(g);
        assertThat(a.matchedCount()).isEqualTo(4);
        assertThat(a.totalScore()).isEqualTo(16);
    }

    @Test
    void emptyAndEdgelessGraphs() {
        assertThat(OptimalMatcher.solve(MatchingGraph.builder(0, new int[0]).build()).matchedCount()).isZero();
        Assignment none = OptimalMatcher.solve(MatchingGraph.builder(3, new int[] {1, 1}).build());
        assertThat(none.mentorOfMentee()).containsExactly(-1, -1, -1);
        Assignment noRoom = OptimalMatcher.solve(MatchingGraph.builder(1, new int[] {0}).addEdge(0, 0, 7).build());
        assertThat(noRoom.matchedCount()).isZero();
    }

    @Test
    void greedyIsNeverBetterAndSometimesWorse() {
        boolean worse = false;
        for (int seed = 0; seed < 300; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            MatchingGraph g = randomGraph(random, 30, 25, 0.15, 100, 1, 2);
            Assignment opt = OptimalMatcher.solve(g);
            Assignment greedy = GreedyMatcher.solve(g);
            assertValid(g, greedy);
            assertThat(greedy.certified()).isFalse();
            boolean greedyBetter = greedy.matchedCount() > opt.matchedCount()
                    || (greedy.matchedCount() == opt.matchedCount() && greedy.totalScore() > opt.totalScore());
            assertThat(greedyBetter).as("seed %d", seed).isFalse();
            worse |= !greedy.sameObjectiveAs(opt);
        }
        assertThat(worse).isTrue();
    }

    @Test
    void sameGraphSameAssignment() {
        MatchingGraph g = randomGraph(new SplittableRandom(7), 400, 300, 0.1, 3, 1, 2);
        assertThat(OptimalMatcher.solve(g)).isEqualTo(OptimalMatcher.solve(g));
    }

    @Test
    void builderSortsRowsAndRefusesBadEdges() {
        MatchingGraph g = MatchingGraph.builder(2, new int[] {1, 1, 1})
                .addEdge(1, 2, 3).addEdge(0, 1, 4).addEdge(1, 0, 5).build();
        assertThat(g.edgeCount()).isEqualTo(3);
        assertThat(g.edgeMentor(g.edgeBegin(1))).isZero();
        assertThat(g.findEdge(1, 2)).isEqualTo(2);
        assertThat(g.findEdge(0, 2)).isEqualTo(-1);
        assertThatThrownBy(() -> MatchingGraph.builder(1, new int[] {1}).addEdge(0, 0, 1).addEdge(0, 0, 2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> MatchingGraph.builder(1, new int[] {1}).addEdge(0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MatchingGraph.builder(1, new int[] {1}).addEdge(0, 0, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MatchingGraph.ofRows(1, new int[] {1, 1}, new int[] {0, 2}, new int[] {1, 0},
                new int[] {1, 1})).isInstanceOf(IllegalArgumentException.class);
    }
}
