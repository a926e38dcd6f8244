package org.mentoring.matching.engine.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.mentoring.matching.engine.Assignment;
import org.mentoring.matching.engine.GreedyMatcher;
import org.mentoring.matching.engine.MatchingEngine;
import org.mentoring.matching.engine.MatchingGraph;
import org.mentoring.matching.engine.MatchingProblem;
import org.mentoring.matching.engine.MatchingResult;
import org.mentoring.matching.engine.OptimalMatcher;

/**
 * The matching benchmark: times the exact solver on seeded instances (or instance files) and compares it with the
 * greedy baseline. Not a test; run it with {@code matching-service/benchmarks/run} or the {@code benchmark} Maven
 * profile. See {@code matching-service/benchmarks/README.md}.
 *
 * <pre>
 * options: --reps N        timed runs per instance (default 5, at least 3 recommended)
 *          --warmup N      untimed runs first (default 1)
 *          --only a,b      only instances whose name contains one of these
 *          --write DIR     also write each generated instance, with its optimum, to DIR/NAME.txt
 *          --file PATH     run this instance file instead of the generated suite (repeatable)
 *          --no-greedy     skip the greedy baseline
 *          --no-pools      skip the end-to-end runs of the whole engine on generated pools of people
 *          --pool-sizes a,b  mentees (and as many mentors) of those pools (default 1000,5000)
 * </pre>
 */
public final class MatchingBenchmark {

    private static final PrintStream OUT = System.out;

    private MatchingBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int reps = 5;
        int warmup = 1;
        List<String> only = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        Path writeDir = null;
        boolean greedy = true;
        boolean pools = true;
        int[] poolSizes = {1000, 5000};
        for (int k = 0; k < args.length; k++) {
            switch (args[k]) {
                case "--reps" -> reps = Integer.parseInt(args[++k]);
                case "--warmup" -> warmup = Integer.parseInt(args[++k]);
                case "--only" -> only.addAll(Arrays.asList(args[++k].split(",")));
                case "--write" -> writeDir = Path.of(args[++k]);
                case "--file" -> files.add(Path.of(args[++k]));
                case "--no-greedy" -> greedy = false;
                case "--no-pools" -> pools = false;
                case "--pool-sizes" -> poolSizes = Arrays.stream(args[++k].split(",")).mapToInt(Integer::parseInt).toArray();
                default -> {
                    System.err.println("unknown option " + args[k] + "; see the class comment or the README");
                    System.exit(2);
                }
            }
        }
        if (reps < 1) {
            throw new IllegalArgumentException("--reps must be 1 or more");
        }
        if (writeDir != null) {
            Files.createDirectories(writeDir);
        }
        Runtime rt = Runtime.getRuntime();
        OUT.printf(Locale.ROOT, "# matching benchmark: java %s, %d processors, max heap %d MB, %d timed runs"
                + " after %d warm-up%n", System.getProperty("java.version"), rt.availableProcessors(),
                rt.maxMemory() >> 20, reps, warmup);
        OUT.println("| instance | mentees x mentors | places | edges | time median ms | min-max ms | peak heap MB"
                + " | matched | total score | greedy matched | greedy score | greedy loss % | greedy ms |");
        OUT.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");

        if (!files.isEmpty()) {
            for (Path file : files) {
                InstanceFile.Instance instance = InstanceFile.read(file);
                run(instance.name(), instance.graph(), instance.knownOptimum(), reps, warmup, greedy, null);
            }
            return;
        }
        for (InstanceGenerator.Spec spec : InstanceGenerator.suite()) {
            String name = spec.name();
            if (!only.isEmpty() && only.stream().noneMatch(name::contains)) {
                continue;
            }
            MatchingGraph graph = InstanceGenerator.generate(spec);
            Path target = writeDir == null ? null : writeDir.resolve(name + ".txt");
            run(name, graph, null, reps, warmup, greedy, target);
        }
        if (pools) {
            OUT.println();
            OUT.println("# the whole engine on generated pools of people: rules, scores, optimum, explanations,"
                    + " fairness");
            OUT.println("| pool | mentees x mentors | feasible pairs | time median ms | min-max ms | peak heap MB"
                    + " | matched | unmatched (with reasons) | total score | greedy matched | greedy loss % |");
            OUT.println("|---|---|---|---|---|---|---|---|---|---|---|");
            for (int size : poolSizes) {
                String name = "pool-" + (size % 1000 == 0 ? size / 1000 + "k" : Integer.toString(size));
                if (!only.isEmpty() && only.stream().noneMatch(name::contains)) {
                    continue;
                }
                runPool(name, PoolGenerator.generate(size, size, 42), reps, warmup);
            }
        }
    }

    private static void runPool(String name, MatchingProblem problem, int reps, int warmup) {
        MatchingEngine engine = new MatchingEngine();
        for (int k = 0; k < warmup; k++) {
            engine.match(problem);
        }
        long[] nanos = new long[reps];
        long peak = 0;
        MatchingResult result = null;
        for (int k = 0; k < reps; k++) {
            resetHeapPeaks();
            long t0 = System.nanoTime();
            MatchingResult r = engine.match(problem);
            nanos[k] = System.nanoTime() - t0;
            peak = Math.max(peak, heapPeak());
            if (result != null && !result.equals(r)) {
                throw new IllegalStateException(name + ": two runs gave different results");
            }
            result = r;
        }
        Arrays.sort(nanos);
        MatchingEngine.Objective greedy = engine.greedyObjective(problem);
        double loss = result.totalScoreMicros() == 0 ? 0
                : 100.0 * (result.totalScoreMicros() - greedy.totalScoreMicros()) / result.totalScoreMicros();
        OUT.printf(Locale.ROOT, "| %s | %d x %d | %d | %.0f | %.0f-%.0f | %d | %d | %d | %.3f | %d | %.3f |%n",
                name, problem.mentees().size(), problem.mentors().size(), result.feasiblePairs(),
                median(nanos) / 1e6, nanos[0] / 1e6, nanos[reps - 1] / 1e6, peak >> 20, result.matchedMentees(),
                result.unmatched().size(), result.totalScore(), greedy.matchedMentees(), loss);
        OUT.flush();
    }

    private static double median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static void run(String name, MatchingGraph graph, long[] knownOptimum, int reps, int warmup,
            boolean withGreedy, Path writeTo) throws IOException {
        for (int k = 0; k < warmup; k++) {
            OptimalMatcher.solve(graph);
        }
        long[] nanos = new long[reps];
        long peak = 0;
        Assignment best = null;
        for (int k = 0; k < reps; k++) {
            resetHeapPeaks();
            long t0 = System.nanoTime();
            Assignment a = OptimalMatcher.solve(graph);
            nanos[k] = System.nanoTime() - t0;
            peak = Math.max(peak, heapPeak());
            if (best != null && !best.equals(a)) {
                throw new IllegalStateException(name + ": two runs gave different assignments");
            }
            best = a;
        }
        if (!best.certified()) {
            throw new IllegalStateException(name + ": no optimality certificate");
        }
        if (knownOptimum != null && (knownOptimum[0] != best.matchedCount() || knownOptimum[1] != best.totalScore())) {
            throw new IllegalStateException(name + ": the file's optimum " + Arrays.toString(knownOptimum)
                    + " differs from " + best.matchedCount() + " " + best.totalScore());
        }
        Arrays.sort(nanos);
        double median = median(nanos) / 1e6;

        String greedyMatched = "-";
        String greedyScore = "-";
        String loss = "-";
        String greedyMs = "-";
        if (withGreedy) {
            long t0 = System.nanoTime();
            Assignment g = GreedyMatcher.solve(graph);
            greedyMs = String.format(Locale.ROOT, "%.0f", (System.nanoTime() - t0) / 1e6);
            greedyMatched = Integer.toString(g.matchedCount());
            greedyScore = Long.toString(g.totalScore());
            loss = best.totalScore() == 0 ? "0" : String.format(Locale.ROOT, "%.3f",
                    100.0 * (best.totalScore() - g.totalScore()) / best.totalScore());
        }
        long places = 0;
        for (int j = 0; j < graph.mentorCount(); j++) {
            places += graph.capacity(j);
        }
        OUT.printf(Locale.ROOT, "| %s | %d x %d | %d | %d | %.0f | %.0f-%.0f | %d | %d | %d | %s | %s | %s | %s |%n",
                name, graph.menteeCount(), graph.mentorCount(), places, graph.edgeCount(), median, nanos[0] / 1e6,
                nanos[reps - 1] / 1e6, peak >> 20, best.matchedCount(), best.totalScore(), greedyMatched,
                greedyScore, loss, greedyMs);
        OUT.flush();
        if (writeTo != null) {
            InstanceFile.write(writeTo, name + ": maximise matched mentees, then total score", graph,
                    best.matchedCount(), best.totalScore());
        }
    }

    /** Collects what can be collected, then restarts the peak counters of the heap pools. */
    private static void resetHeapPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks since the reset: an upper bound of the heap in use (input graph included). */
    private static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
