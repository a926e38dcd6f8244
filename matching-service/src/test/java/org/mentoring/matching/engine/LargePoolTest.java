package org.mentoring.matching.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mentoring.matching.engine.bench.PoolGenerator;

/** Pools large enough (a million pairs or more) for the engine to check pairs and explain on several threads. */
class LargePoolTest {

    private static final MatchingProblem POOL = PoolGenerator.generate(1100, 1000, 7);

    @Test
    void theParallelGraphHasExactlyTheFeasiblePairsInOrder() {
        CompiledPool pool = CompiledPool.compile(POOL);
        MatchingGraph graph = pool.feasibleGraph();
        int e = 0;
        for (int i = 0; i < pool.n; i++) {
            assertThat(graph.edgeBegin(i)).isEqualTo(e);
            for (int j = 0; j < pool.m; j++) {
                if (pool.confirmedMentor[i] < 0 && pool.remainingCapacity[j] > 0 && pool.brokenRules(i, j) == 0) {
                    assertThat(graph.edgeMentor(e)).isEqualTo(j);
                    assertThat(graph.edgeScore(e)).isEqualTo(pool.scoreMicros(i, j));
                    e++;
                }
            }
        }
        assertThat(graph.edgeCount()).isEqualTo(e).isGreaterThan(100_000);
    }

    @Test
    void sameResultInAnyOrderAndOnEveryRun() {
        MatchingEngine engine = new MatchingEngine();
        MatchingResult first = engine.match(POOL);
        assertThat(first.certifiedOptimal()).isTrue();
        assertThat(engine.match(POOL)).isEqualTo(first);
        assertThat(engine.match(RandomPools.shuffled(POOL, new Random(1)))).isEqualTo(first);
        MatchingEngine.Objective greedy = engine.greedyObjective(POOL);
        assertThat(greedy.totalScoreMicros()).isLessThan(first.totalScoreMicros());
    }
}
