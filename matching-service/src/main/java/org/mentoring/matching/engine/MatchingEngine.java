package org.mentoring.matching.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The matching engine: from a pool and a programme's rules to the best set of pairs, each explained, and a reason
 * for everyone left unmatched.
 *
 * <ol>
 * <li>Every mentee-mentor pair is checked against the {@link HardRule hard rules}; confirmed pairs are kept and use
 * up capacity.</li>
 * <li>Each feasible pair is scored (topic fit, proximity, availability, diversity; weighted) in millionths.</li>
 * <li>{@link OptimalMatcher} picks the pairs: the largest number of matched mentees, then the largest total score,
 * exactly, with a checked optimality certificate.</li>
 * <li>Proposals carry their score components and the rules they pass; unmatched people get a reason; a
 * {@link FairnessSummary} describes the spread.</li>
 * </ol>
 * Pure Java without framework types: the service layer maps its entities to {@link MatchingProblem} and back.
 * Deterministic: the same problem gives the same result, whatever the order of the lists in it (people are sorted
 * by id before anything else happens), also where large pools are checked on several threads. Thread-safe: the
 * engine holds no state.
 */
public final class MatchingEngine {

    /** Runs the matching. */
    public MatchingResult match(MatchingProblem problem) {
        CompiledPool pool = CompiledPool.compile(problem);
        MatchingGraph graph = pool.feasibleGraph();
        Assignment assignment = OptimalMatcher.solve(graph);

        int[] mentorOfMentee = new int[pool.n];
        for (int i = 0; i < pool.n; i++) {
            mentorOfMentee[i] = pool.confirmedMentor[i] >= 0 ? pool.confirmedMentor[i]
                    : assignment.mentorOfMentee()[i];
        }

        List<ProposedPair> proposals = new ArrayList<>();
        List<Integer> scores = new ArrayList<>();
        int inPerson = 0;
        long total = 0;
        int[] menteesOfMentor = new int[pool.m];
        for (int i = 0; i < pool.n; i++) {
            int j = mentorOfMentee[i];
            if (j < 0) {
                continue;
            }
            menteesOfMentor[j]++;
            PairAssessment assessment = pool.assess(i, j);
            boolean confirmed = pool.confirmedMentor[i] >= 0;
            if (!confirmed && !assessment.feasible()) {
                throw new IllegalStateException("proposal breaks " + assessment.brokenRules());
            }
            proposals.add(new ProposedPair(pool.mentees[i].id(), pool.mentors[j].id(), confirmed, assessment));
            int micros = pool.scoreMicros(i, j);
            scores.add(micros);
            total += micros;
            if (assessment.canMeetInPerson()) {
                inPerson++;
            }
        }

        // each explanation checks everyone on the other side: in parallel for large pools, in a stable order
        UnmatchedExplainer explainer = new UnmatchedExplainer(pool);
        boolean parallel = (long) pool.n * pool.m >= 1_000_000L;
        IntStream menteeIndexes = IntStream.range(0, pool.n).filter(i -> mentorOfMentee[i] < 0);
        IntStream mentorIndexes = IntStream.range(0, pool.m).filter(j -> menteesOfMentor[j] == 0);
        List<UnmatchedApplicant> unmatched = new ArrayList<>();
        unmatched.addAll((parallel ? menteeIndexes.parallel() : menteeIndexes)
                .mapToObj(explainer::explainMentee).toList());
        unmatched.addAll((parallel ? mentorIndexes.parallel() : mentorIndexes)
                .mapToObj(explainer::explainMentor).toList());

        int[] scoreArray = scores.stream().mapToInt(Integer::intValue).toArray();
        FairnessSummary fairness = FairnessCalculator.summarise(pool, mentorOfMentee, scoreArray, inPerson);
        return new MatchingResult(proposals, unmatched, fairness, proposals.size(), total, graph.edgeCount(),
                assignment.certified());
    }

    /**
     * Checks one pair against the rules of {@code problem} and scores it, for example a pair an admin wants to
     * create by hand. Capacity counts as passed when the mentor has room after the problem's confirmed pairs.
     *
     * @throws IllegalArgumentException when either person is not in the pool
     */
    public PairAssessment assessPair(MatchingProblem problem, String menteeId, String mentorId) {
        CompiledPool pool = CompiledPool.compile(problem);
        int i = indexOf(pool.mentees, menteeId);
        int j = indexOf(pool.mentors, mentorId);
        if (i < 0) {
            throw new IllegalArgumentException("mentee " + menteeId + " is not in the pool");
        }
        if (j < 0) {
            throw new IllegalArgumentException("mentor " + mentorId + " is not in the pool");
        }
        return pool.assess(i, j);
    }

    /**
     * The greedy baseline on the same problem (highest-scoring feasible pair first, confirmed pairs kept), for
     * comparisons only: neither the number of pairs nor the total score is optimal in general.
     */
    public Objective greedyObjective(MatchingProblem problem) {
        CompiledPool pool = CompiledPool.compile(problem);
        Assignment greedy = GreedyMatcher.solve(pool.feasibleGraph());
        int matched = greedy.matchedCount();
        long total = greedy.totalScore();
        for (int i = 0; i < pool.n; i++) {
            if (pool.confirmedMentor[i] >= 0) {
                matched++;
                total += pool.scoreMicros(i, pool.confirmedMentor[i]);
            }
        }
        return new Objective(matched, total);
    }

    /** The two objectives, compared in this order: matched mentees, then total score (millionths). */
    public record Objective(int matchedMentees, long totalScoreMicros) {
    }

    private static int indexOf(Participant[] sorted, String id) {
        int lo = 0;
        int hi = sorted.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = sorted[mid].id().compareTo(id);
            if (c == 0) {
                return mid;
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }
}
