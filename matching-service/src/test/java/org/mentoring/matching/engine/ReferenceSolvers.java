package org.mentoring.matching.engine;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Exact solvers written only for the tests, sharing nothing with the engine's solver: they read the graph through
 * its public accessors and return the lexicographic objective {matched mentees, total score}.
 */
final class ReferenceSolvers {

    private ReferenceSolvers() {
    }

    /** Tries every assignment (each mentee: unmatched or one of its mentors with room). For n up to about 8. */
    static long[] bruteForce(MatchingGraph g) {
        long[] best = {-1, -1};
        int[] left = new int[g.mentorCount()];
        for (int j = 0; j < left.length; j++) {
            left[j] = g.capacity(j);
        }
        search(g, 0, left, 0, 0, best);
        return best;
    }

    private static void search(MatchingGraph g, int i, int[] left, long count, long score, long[] best) {
        if (i == g.menteeCount()) {
            if (count > best[0] || (count == best[0] && score > best[1])) {
                best[0] = count;
                best[1] = score;
            }
            return;
        }
        search(g, i + 1, left, count, score, best);
        for (int e = g.edgeBegin(i); e < g.edgeEnd(i); e++) {
            int j = g.edgeMentor(e);
            if (left[j] > 0) {
                left[j]--;
                search(g, i + 1, left, count + 1, score + g.edgeScore(e), best);
                left[j]++;
            }
        }
    }

    /**
     * The textbook O(N^3) Hungarian algorithm on a square matrix: rows are the mentees plus one filler row per
     * mentor place, columns are the mentor places (capacity expanded) plus one "unmatched" column per mentee.
     * A feasible pair is worth a large bonus plus its score, so one more pair always beats any score; an
     * infeasible pair costs a prohibitive big-M.
     */
    static long[] hungarian(MatchingGraph g) {
        int n = g.menteeCount();
        int places = 0;
        for (int j = 0; j < g.mentorCount(); j++) {
            places += Math.min(g.capacity(j), n);
        }
        int[] placeMentor = new int[places];
        for (int j = 0, p = 0; j < g.mentorCount(); j++) {
            for (int k = 0; k < Math.min(g.capacity(j), n); k++) {
                placeMentor[p++] = j;
            }
        }
        int size = n + places;
        long maxScore = Math.max(1, g.maxScore());
        long bonus = (n + 1) * maxScore + 1;
        long bigM = (size + 1) * (bonus + maxScore) + 1;
        // cost to minimise: -(bonus + score) for a pair, 0 for "unmatched" and filler rows, bigM for impossible
        long[][] cost = new long[size][size];
        for (int i = 0; i < n; i++) {
            long[] row = cost[i];
            Arrays.fill(row, 0, places, bigM);
            for (int p = 0; p < places; p++) {
                int e = g.findEdge(i, placeMentor[p]);
                if (e >= 0) {
                    row[p] = -(bonus + g.edgeScore(e));
                }
            }
        }
        int[] rowOfCol = solveSquare(cost);
        long matched = 0;
        long score = 0;
        for (int p = 0; p < places; p++) {
            int i = rowOfCol[p];
            if (i < n && cost[i][p] != bigM) {
                matched++;
                score += -cost[i][p] - bonus;
            }
        }
        return new long[] {matched, score};
    }

    /** Minimum-cost perfect assignment (potentials, shortest augmenting paths); returns the row of each column. */
    private static int[] solveSquare(long[][] a) {
        int n = a.length;
        long inf = Long.MAX_VALUE / 4;
        long[] u = new long[n + 1];
        long[] v = new long[n + 1];
        int[] p = new int[n + 1];
        int[] way = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            long[] minv = new long[n + 1];
            Arrays.fill(minv, inf);
            boolean[] used = new boolean[n + 1];
            do {
                used[j0] = true;
                int i0 = p[j0];
                long delta = inf;
                int j1 = 0;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        long cur = a[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] rowOfCol = new int[n];
        for (int j = 1; j <= n; j++) {
            rowOfCol[j - 1] = p[j] - 1;
        }
        return rowOfCol;
    }

    /** A random graph: each pair feasible with probability {@code density}, scores 0..maxScore. */
    static MatchingGraph randomGraph(SplittableRandom random, int mentees, int mentors, double density,
            int maxScore, int minCapacity, int maxCapacity) {
        int[] capacity = new int[mentors];
        for (int j = 0; j < mentors; j++) {
            capacity[j] = minCapacity + random.nextInt(maxCapacity - minCapacity + 1);
        }
        MatchingGraph.Builder builder = MatchingGraph.builder(mentees, capacity);
        for (int i = 0; i < mentees; i++) {
            for (int j = 0; j < mentors; j++) {
                if (random.nextDouble() < density) {
                    builder.addEdge(i, j, random.nextInt(maxScore + 1));
                }
            }
        }
        return builder.build();
    }

    /** Checks an assignment against the graph: real edges, capacities, counts. */
    static void assertValid(MatchingGraph g, Assignment a) {
        int[] used = new int[g.mentorCount()];
        long matched = 0;
        long score = 0;
        for (int i = 0; i < g.menteeCount(); i++) {
            int j = a.mentorOfMentee()[i];
            if (j >= 0) {
                int e = g.findEdge(i, j);
                if (e < 0) {
                    throw new AssertionError("mentee " + i + " got mentor " + j + " without an edge");
                }
                used[j]++;
                matched++;
                score += g.edgeScore(e);
            }
        }
        for (int j = 0; j < used.length; j++) {
            if (used[j] > g.capacity(j)) {
                throw new AssertionError("mentor " + j + " over capacity");
            }
        }
        if (matched != a.matchedCount() || score != a.totalScore()) {
            throw new AssertionError("reported objective differs from the assignment");
        }
    }
}
