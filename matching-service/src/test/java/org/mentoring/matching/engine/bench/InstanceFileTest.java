package org.mentoring.matching.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mentoring.matching.engine.Assignment;
import org.mentoring.matching.engine.MatchingGraph;
import org.mentoring.matching.engine.OptimalMatcher;

/** The benchmark's instance files: what is written reads back the same, in any edge order. */
class InstanceFileTest {

    @TempDir
    Path dir;

    @Test
    void writtenInstancesReadBackWithTheirOptimum() throws IOException {
        MatchingGraph graph = InstanceGenerator.generate(
                new InstanceGenerator.Spec(InstanceGenerator.Family.CAPACITY, 300, 1));
        Assignment best = OptimalMatcher.solve(graph);
        Path file = dir.resolve("capacity-300.txt");
        InstanceFile.write(file, "test", graph, best.matchedCount(), best.totalScore());

        InstanceFile.Instance read = InstanceFile.read(file);
        assertThat(read.name()).isEqualTo("capacity-300");
        assertThat(read.knownOptimum()).containsExactly(best.matchedCount(), best.totalScore());
        MatchingGraph g = read.graph();
        assertThat(g.menteeCount()).isEqualTo(graph.menteeCount());
        assertThat(g.mentorCount()).isEqualTo(graph.mentorCount());
        assertThat(g.edgeCount()).isEqualTo(graph.edgeCount());
        for (int j = 0; j < g.mentorCount(); j++) {
            assertThat(g.capacity(j)).isEqualTo(graph.capacity(j));
        }
        for (int e = 0; e < g.edgeCount(); e++) {
            assertThat(g.edgeMentor(e)).isEqualTo(graph.edgeMentor(e));
            assertThat(g.edgeScore(e)).isEqualTo(graph.edgeScore(e));
        }
        assertThat(OptimalMatcher.solve(g)).isEqualTo(best);
    }

    @Test
    void edgesMayComeInAnyOrder() throws IOException {
        Path file = dir.resolve("small.txt");
        Files.writeString(file, """
                # mentee 0 alone would take mentor 0 (9), but then mentee 1 has nobody: 7 + 5 with both matched
                p matching 2 2 3
                c 0 1
                c 1 2
                e 1 0 5
                e 0 1 7
                e 0 0 9
                o 2 12
                """);
        InstanceFile.Instance read = InstanceFile.read(file);
        assertThat(read.graph().edgeCount()).isEqualTo(3);
        Assignment best = OptimalMatcher.solve(read.graph());
        assertThat(new long[] {best.matchedCount(), best.totalScore()}).containsExactly(read.knownOptimum());
    }

    @Test
    void badLinesAreReportedWithTheirLineNumber() throws IOException {
        Path file = dir.resolve("bad.txt");
        Files.writeString(file, "p matching 1 1 1\ne 0 3 5\n");
        assertThatThrownBy(() -> InstanceFile.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(":2:");
        Files.writeString(file, "p matching 1 1 2\ne 0 0 5\n");
        assertThatThrownBy(() -> InstanceFile.read(file)).hasMessageContaining("says 2 edges, found 1");
        Files.writeString(file, "p matching 1 1 1\ne 0 0 -5\n");
        assertThatThrownBy(() -> InstanceFile.read(file)).hasMessageContaining("non-negative");
    }
}
