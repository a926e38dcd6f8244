package org.mentoring.matching.engine.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.mentoring.matching.engine.MatchingGraph;

/**
 * Seeded benchmark instances at the solver's level (feasible pairs, integer scores in millionths like the engine's,
 * mentor capacities). The same name, size and seed always give the same instance.
 */
public final class InstanceGenerator {

    /** Scores in millionths, as the engine produces them. */
    static final int SCALE = 1_000_000;
    /** Feasible mentors per mentee in the sparse families. */
    static final int SPARSE_DEGREE = 100;

    /** An instance family. */
    public enum Family {
        /** Every pair feasible, scores uniform in 0..1,000,000. */
        UNIFORM("uniform", true),
        /** Every pair feasible, scores in 11 levels (0, 0.1, ..., 1): many ties. */
        TIES("ties", true),
        /** Every pair feasible, scores 0 or 1 (half each). */
        BINARY("binary", true),
        /** Each mentee has 100 random feasible mentors, uniform scores. */
        SPARSE("sparse", false),
        /** Sparse, and the scores have 11 levels. */
        SPARSE_TIES("sparse-ties", false),
        /** Sparse, twice as many mentors as mentees. */
        UNBALANCED("unbalanced", false),
        /** Sparse, half as many mentors with capacities 1 to 3 (about as many places as mentees). */
        CAPACITY("capacity", false),
        /** Sparse, half as many mentors with capacity 1: half of the mentees stay unmatched. */
        SCARCE("scarce", false);

        final String id;
        final boolean dense;

        Family(String id, boolean dense) {
            this.id = id;
            this.dense = dense;
        }

        public String id() {
            return id;
        }

        static Family of(String id) {
            for (Family f : values()) {
                if (f.id.equals(id)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown family " + id);
        }
    }

    /** A generated instance and how it was made. */
    public record Spec(Family family, int mentees, long seed) {
        public String name() {
            return family.id + "-" + (mentees % 1000 == 0 ? mentees / 1000 + "k" : Integer.toString(mentees));
        }
    }

    private InstanceGenerator() {
    }

    /** The standard suite: dense families at 1k and 5k mentees, sparse ones at 1k, 5k and 10k. */
    public static List<Spec> suite() {
        List<Spec> specs = new ArrayList<>();
        for (Family f : Family.values()) {
            int[] sizes = f.dense ? new int[] {1000, 5000} : new int[] {1000, 5000, 10000};
            for (int n : sizes) {
                specs.add(new Spec(f, n, 42));
            }
        }
        return specs;
    }

    public static MatchingGraph generate(Spec spec) {
        SplittableRandom random = new SplittableRandom(spec.seed() * 1_000_003L + spec.family().ordinal());
        int n = spec.mentees();
        return switch (spec.family()) {
            case UNIFORM -> complete(random, n, n, r -> r.nextInt(SCALE + 1));
            case TIES -> complete(random, n, n, r -> r.nextInt(11) * (SCALE / 10));
            case BINARY -> complete(random, n, n, r -> r.nextBoolean() ? SCALE : 0);
            case SPARSE -> sparse(random, n, ones(n), r -> r.nextInt(SCALE + 1));
            case SPARSE_TIES -> sparse(random, n, ones(n), r -> r.nextInt(11) * (SCALE / 10));
            case UNBALANCED -> sparse(random, n, ones(2 * n), r -> r.nextInt(SCALE + 1));
            case CAPACITY -> {
                int[] capacity = new int[n / 2];
                for (int j = 0; j < capacity.length; j++) {
                    capacity[j] = 1 + random.nextInt(3);
                }
                yield sparse(random, n, capacity, r -> r.nextInt(SCALE + 1));
            }
            case SCARCE -> sparse(random, n, ones(n / 2), r -> r.nextInt(SCALE + 1));
        };
    }

    private interface ScoreSource {
        int next(SplittableRandom random);
    }

    private static int[] ones(int m) {
        int[] capacity = new int[m];
        Arrays.fill(capacity, 1);
        return capacity;
    }

    private static MatchingGraph complete(SplittableRandom random, int n, int m, ScoreSource scores) {
        int edges = Math.multiplyExact(n, m);
        int[] start = new int[n + 1];
        int[] mentor = new int[edges];
        int[] score = new int[edges];
        for (int i = 0, e = 0; i < n; i++) {
            for (int j = 0; j < m; j++, e++) {
                mentor[e] = j;
                score[e] = scores.next(random);
            }
            start[i + 1] = start[i] + m;
        }
        return MatchingGraph.ofRows(n, ones(m), start, mentor, score);
    }

    private static MatchingGraph sparse(SplittableRandom random, int n, int[] capacity, ScoreSource scores) {
        int m = capacity.length;
        int degree = Math.min(SPARSE_DEGREE, m);
        int[] start = new int[n + 1];
        int[] mentor = new int[n * degree];
        int[] score = new int[n * degree];
        int[] seen = new int[m];
        int[] picked = new int[degree];
        for (int i = 0, e = 0; i < n; i++) {
            int count = 0;
            while (count < degree) {
                int j = random.nextInt(m);
                if (seen[j] != i + 1) {
                    seen[j] = i + 1;
                    picked[count++] = j;
                }
            }
            Arrays.sort(picked);
            for (int k = 0; k < degree; k++, e++) {
                mentor[e] = picked[k];
                score[e] = scores.next(random);
            }
            start[i + 1] = e;
        }
        return MatchingGraph.ofRows(n, capacity, start, mentor, score);
    }
}
