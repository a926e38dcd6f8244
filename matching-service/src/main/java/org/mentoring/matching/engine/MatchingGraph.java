package org.mentoring.matching.engine;

import java.util.Arrays;

/**
 * The solver's view of a matching problem: mentees {@code 0..menteeCount-1}, mentors {@code 0..mentorCount-1}
 * with a capacity each, and the feasible pairs (the edges) with an integer score each.
 *
 * <p>Stored in compressed sparse rows by mentee (three {@code int} arrays, no object per edge), so a dense
 * 5,000 x 5,000 problem takes 200 MB. Within a mentee, edges are sorted by mentor index and unique. Everything
 * that decides which pairs are allowed and what they score happened before; this class only carries the result,
 * which is also what the benchmark file format holds.
 *
 * <p>Instances are immutable by contract: the arrays are not copied, so callers must not change them afterwards.
 */
public final class MatchingGraph {

    private final int menteeCount;
    private final int mentorCount;
    private final int[] capacity;
    private final int[] edgeStart;
    private final int[] edgeMentor;
    private final int[] edgeScore;

    private MatchingGraph(int menteeCount, int[] capacity, int[] edgeStart, int[] edgeMentor, int[] edgeScore) {
        this.menteeCount = menteeCount;
        this.mentorCount = capacity.length;
        this.capacity = capacity;
        this.edgeStart = edgeStart;
        this.edgeMentor = edgeMentor;
        this.edgeScore = edgeScore;
    }

    /**
     * Wraps arrays already in compressed-row form (no copy) after checking them.
     *
     * @param menteeCount number of mentees
     * @param capacity    per mentor, how many mentees it may take (0 or more)
     * @param edgeStart   {@code menteeCount + 1} offsets; the edges of mentee {@code i} are
     *                    {@code edgeStart[i] .. edgeStart[i+1]-1}
     * @param edgeMentor  per edge, the mentor index; strictly increasing within a mentee
     * @param edgeScore   per edge, the score, 0 or more
     * @throws IllegalArgumentException when the arrays are inconsistent
     */
    public static MatchingGraph ofRows(int menteeCount, int[] capacity, int[] edgeStart, int[] edgeMentor,
            int[] edgeScore) {
        if (menteeCount < 0) {
            throw new IllegalArgumentException("menteeCount must be 0 or more");
        }
        if (edgeStart.length != menteeCount + 1 || edgeStart[0] != 0) {
            throw new IllegalArgumentException("edgeStart must have menteeCount + 1 entries starting at 0");
        }
        int edges = edgeStart[menteeCount];
        if (edgeMentor.length < edges || edgeScore.length < edges) {
            throw new IllegalArgumentException("edge arrays are shorter than edgeStart says");
        }
        int mentors = capacity.length;
        for (int j = 0; j < mentors; j++) {
            if (capacity[j] < 0) {
                throw new IllegalArgumentException("capacity of mentor " + j + " is negative");
            }
        }
        for (int i = 0; i < menteeCount; i++) {
            int from = edgeStart[i];
            int to = edgeStart[i + 1];
            if (to < from) {
                throw new IllegalArgumentException("edgeStart must not decrease (mentee " + i + ")");
            }
            int previous = -1;
            for (int e = from; e < to; e++) {
                int j = edgeMentor[e];
                if (j <= previous || j >= mentors) {
                    throw new IllegalArgumentException("mentee " + i + ": mentor indexes must be increasing, unique"
                            + " and below " + mentors + " (found " + j + ")");
                }
                if (edgeScore[e] < 0) {
                    throw new IllegalArgumentException("mentee " + i + ", mentor " + j + ": negative score");
                }
                previous = j;
            }
        }
        return new MatchingGraph(menteeCount, capacity, edgeStart, edgeMentor, edgeScore);
    }

    /** A builder that takes edges in any order. */
    public static Builder builder(int menteeCount, int[] capacity) {
        return new Builder(menteeCount, capacity);
    }

    public int menteeCount() {
        return menteeCount;
    }

    public int mentorCount() {
        return mentorCount;
    }

    public int edgeCount() {
        return edgeStart[menteeCount];
    }

    public int capacity(int mentor) {
        return capacity[mentor];
    }

    /** First edge of {@code mentee}; its edges run up to {@link #edgeEnd(int)} (exclusive). */
    public int edgeBegin(int mentee) {
        return edgeStart[mentee];
    }

    public int edgeEnd(int mentee) {
        return edgeStart[mentee + 1];
    }

    public int edgeMentor(int edge) {
        return edgeMentor[edge];
    }

    public int edgeScore(int edge) {
        return edgeScore[edge];
    }

    /** The edge between {@code mentee} and {@code mentor}, or -1 if there is none (binary search). */
    public int findEdge(int mentee, int mentor) {
        int e = Arrays.binarySearch(edgeMentor, edgeStart[mentee], edgeStart[mentee + 1], mentor);
        return e >= 0 ? e : -1;
    }

    /** The highest edge score (0 for a graph without edges). */
    public int maxScore() {
        int max = 0;
        for (int e = 0, n = edgeCount(); e < n; e++) {
            max = Math.max(max, edgeScore[e]);
        }
        return max;
    }

    // package-private raw access for the solvers
    int[] capacityArray() {
        return capacity;
    }

    int[] edgeStartArray() {
        return edgeStart;
    }

    int[] edgeMentorArray() {
        return edgeMentor;
    }

    int[] edgeScoreArray() {
        return edgeScore;
    }

    /** Collects edges in any order, then sorts them into compressed rows. */
    public static final class Builder {
        private final int menteeCount;
        private final int[] capacity;
        private int[] mentee = new int[16];
        private int[] mentor = new int[16];
        private int[] score = new int[16];
        private int size;

        private Builder(int menteeCount, int[] capacity) {
            if (menteeCount < 0) {
                throw new IllegalArgumentException("menteeCount must be 0 or more");
            }
            this.menteeCount = menteeCount;
            this.capacity = capacity.clone();
        }

        /** Reserves room for {@code edges} edges in total. */
        public Builder expectEdges(int edges) {
            if (edges > mentee.length) {
                mentee = Arrays.copyOf(mentee, edges);
                mentor = Arrays.copyOf(mentor, edges);
                score = Arrays.copyOf(score, edges);
            }
            return this;
        }

        public Builder addEdge(int menteeIndex, int mentorIndex, int edgeScoreValue) {
            if (menteeIndex < 0 || menteeIndex >= menteeCount) {
                throw new IllegalArgumentException("mentee index out of range: " + menteeIndex);
            }
            if (mentorIndex < 0 || mentorIndex >= capacity.length) {
                throw new IllegalArgumentException("mentor index out of range: " + mentorIndex);
            }
            if (edgeScoreValue < 0) {
                throw new IllegalArgumentException("negative score for pair " + menteeIndex + " " + mentorIndex);
            }
            if (size == mentee.length) {
                int grown = (int) Math.min(Integer.MAX_VALUE - 8L, size * 2L);
                mentee = Arrays.copyOf(mentee, grown);
                mentor = Arrays.copyOf(mentor, grown);
                score = Arrays.copyOf(score, grown);
            }
            mentee[size] = menteeIndex;
            mentor[size] = mentorIndex;
            score[size] = edgeScoreValue;
            size++;
            return this;
        }

        /** Sorts the edges into rows; a pair given twice is an error. */
        public MatchingGraph build() {
            int[] start = new int[menteeCount + 1];
            for (int e = 0; e < size; e++) {
                start[mentee[e] + 1]++;
            }
            for (int i = 0; i < menteeCount; i++) {
                start[i + 1] += start[i];
            }
            int[] fill = Arrays.copyOf(start, menteeCount);
            int[] rowMentor = new int[size];
            int[] rowScore = new int[size];
            for (int e = 0; e < size; e++) {
                int at = fill[mentee[e]]++;
                rowMentor[at] = mentor[e];
                rowScore[at] = score[e];
            }
            mentee = mentor = score = null;
            long[] packed = new long[0];
            for (int i = 0; i < menteeCount; i++) {
                int from = start[i];
                int to = start[i + 1];
                boolean sorted = true;
                for (int e = from + 1; e < to && sorted; e++) {
                    sorted = rowMentor[e - 1] < rowMentor[e];
                }
                if (sorted) {
                    continue;
                }
                if (packed.length < to - from) {
                    packed = new long[to - from];
                }
                for (int e = from; e < to; e++) {
                    packed[e - from] = ((long) rowMentor[e] << 32) | (rowScore[e] & 0xffffffffL);
                }
                Arrays.sort(packed, 0, to - from);
                for (int e = from; e < to; e++) {
                    rowMentor[e] = (int) (packed[e - from] >>> 32);
                    rowScore[e] = (int) packed[e - from];
                    if (e > from && rowMentor[e] == rowMentor[e - 1]) {
                        throw new IllegalArgumentException("pair given twice: " + i + " " + rowMentor[e]);
                    }
                }
            }
            return ofRows(menteeCount, capacity, start, rowMentor, rowScore);
        }
    }
}
