package org.mentoring.matching.engine;

import java.util.Arrays;

/**
 * The baseline the optimum is measured against (what the commercial suites do): sort all feasible pairs by
 * score, highest first (ties by mentee, then mentor index), and take a pair when the mentee is still free and the
 * mentor still has room. Neither the number of matched mentees nor the total score is optimal in general.
 */
public final class GreedyMatcher {

    private GreedyMatcher() {
    }

    public static Assignment solve(MatchingGraph graph) {
        int n = graph.menteeCount();
        int edges = graph.edgeCount();
        int[] start = graph.edgeStartArray();
        int[] mentorOf = graph.edgeMentorArray();
        int[] score = graph.edgeScoreArray();
        int maxScore = graph.maxScore();
        // key: (maxScore - score) in the high half, edge index in the low half: ascending = best first,
        // and edge index order is mentee order, then mentor order
        long[] keys = new long[edges];
        for (int e = 0; e < edges; e++) {
            keys[e] = ((long) (maxScore - score[e]) << 32) | e;
        }
        Arrays.sort(keys);
        int[] edgeMentee = new int[edges];
        for (int i = 0; i < n; i++) {
            Arrays.fill(edgeMentee, start[i], start[i + 1], i);
        }
        int[] left = graph.capacityArray().clone();
        int[] assigned = new int[n];
        Arrays.fill(assigned, -1);
        int matched = 0;
        long total = 0;
        for (long key : keys) {
            int e = (int) key;
            int i = edgeMentee[e];
            int j = mentorOf[e];
            if (assigned[i] < 0 && left[j] > 0) {
                assigned[i] = j;
                left[j]--;
                matched++;
                total += score[e];
            }
        }
        return new Assignment(assigned, matched, total, false);
    }
}
