package org.mentoring.matching.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the {@link FairnessSummary} of a run. */
final class FairnessCalculator {

    private FairnessCalculator() {
    }

    /**
     * @param pool            the compiled pool
     * @param mentorOfMentee  per mentee (pool order), its mentor or -1, confirmed pairs included
     * @param pairScores      the total score of each pair, in millionths
     * @param inPersonPairs   how many of the pairs can meet in person
     */
    static FairnessSummary summarise(CompiledPool pool, int[] mentorOfMentee, int[] pairScores, int inPersonPairs) {
        int pairs = pairScores.length;
        double inPersonShare = pairs == 0 ? 0 : inPersonPairs / (double) pairs;

        int matchedMentees = 0;
        int[] menteesOfMentor = new int[pool.m];
        for (int j : mentorOfMentee) {
            if (j >= 0) {
                matchedMentees++;
                menteesOfMentor[j]++;
            }
        }
        int matchedMentors = 0;
        for (int count : menteesOfMentor) {
            if (count > 0) {
                matchedMentors++;
            }
        }
        List<FairnessSummary.GroupShare> byRole = List.of(
                share("mentee", pool.n, matchedMentees),
                share("mentor", pool.m, matchedMentors));

        // institutes compared ignoring case, shown with the spelling of the first person (by id) in them
        Map<String, String> shown = new TreeMap<>();
        Map<String, int[]> counts = new TreeMap<>();
        for (int i = 0; i < pool.n; i++) {
            tally(shown, counts, pool.mentees[i].institute(), mentorOfMentee[i] >= 0);
        }
        for (int j = 0; j < pool.m; j++) {
            tally(shown, counts, pool.mentors[j].institute(), menteesOfMentor[j] > 0);
        }
        List<FairnessSummary.GroupShare> byInstitute = new ArrayList<>();
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            byInstitute.add(share(shown.get(e.getKey()), e.getValue()[0], e.getValue()[1]));
        }
        return new FairnessSummary(distribution(pairScores), inPersonShare, byRole, byInstitute);
    }

    private static void tally(Map<String, String> shown, Map<String, int[]> counts, String institute,
            boolean matched) {
        String key = CompiledPool.normal(institute);
        shown.putIfAbsent(key, institute);
        int[] c = counts.computeIfAbsent(key, k -> new int[2]);
        c[0]++;
        if (matched) {
            c[1]++;
        }
    }

    private static FairnessSummary.GroupShare share(String group, int participants, int matched) {
        return new FairnessSummary.GroupShare(group, participants, matched,
                participants == 0 ? 0 : matched / (double) participants);
    }

    static FairnessSummary.ScoreDistribution distribution(int[] scoresMicros) {
        int count = scoresMicros.length;
        if (count == 0) {
            return new FairnessSummary.ScoreDistribution(0, 0, 0, 0, 0, 0, 0);
        }
        int[] sorted = scoresMicros.clone();
        Arrays.sort(sorted);
        long sum = 0;
        for (int s : sorted) {
            sum += s;
        }
        double scale = ScoreBreakdown.SCALE;
        return new FairnessSummary.ScoreDistribution(count, sorted[0] / scale, quantile(sorted, 0.25) / scale,
                quantile(sorted, 0.5) / scale, quantile(sorted, 0.75) / scale, sorted[count - 1] / scale,
                sum / (double) count / scale);
    }

    /** Linear interpolation between closest ranks (the common "type 7" definition). */
    private static double quantile(int[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
