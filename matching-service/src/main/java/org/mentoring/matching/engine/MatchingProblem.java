package org.mentoring.matching.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one matching run looks at.
 *
 * @param settings       the programme's rules and weights
 * @param mentees        the mentees in the pool (ids unique)
 * @param mentors        the mentors in the pool (ids unique, none also a mentee)
 * @param excludedPairs  pairs that must not be proposed: admin exclusions and pairs where one declined the other;
 *                       pairs naming people outside the pool are ignored
 * @param confirmedPairs pairs already confirmed in earlier runs: kept as they are, whatever the rules say now, and
 *                       they use up mentor capacity; both people must be in the pool, a mentee at most once
 */
public record MatchingProblem(
        MatchingSettings settings,
        List<Mentee> mentees,
        List<Mentor> mentors,
        Set<PairKey> excludedPairs,
        List<PairKey> confirmedPairs) {

    public MatchingProblem {
        if (settings == null) {
            throw new IllegalArgumentException("settings must be given");
        }
        mentees = copy(mentees, "mentees");
        mentors = copy(mentors, "mentors");
        excludedPairs = excludedPairs == null ? Set.of() : Set.copyOf(excludedPairs);
        confirmedPairs = confirmedPairs == null ? List.of() : copy(confirmedPairs, "confirmedPairs");

        Set<String> menteeIds = new HashSet<>();
        for (Mentee m : mentees) {
            if (!menteeIds.add(m.id())) {
                throw new IllegalArgumentException("mentee " + m.id() + " appears twice");
            }
        }
        Set<String> mentorIds = new HashSet<>();
        for (Mentor m : mentors) {
            if (!mentorIds.add(m.id())) {
                throw new IllegalArgumentException("mentor " + m.id() + " appears twice");
            }
            if (menteeIds.contains(m.id())) {
                throw new IllegalArgumentException(m.id() + " is both a mentee and a mentor");
            }
        }
        Map<String, String> confirmedMentor = new HashMap<>();
        for (PairKey p : confirmedPairs) {
            if (!menteeIds.contains(p.menteeId()) || !mentorIds.contains(p.mentorId())) {
                throw new IllegalArgumentException("confirmed pair " + p.menteeId() + " / " + p.mentorId()
                        + " names someone who is not in the pool");
            }
            if (confirmedMentor.put(p.menteeId(), p.mentorId()) != null) {
                throw new IllegalArgumentException("mentee " + p.menteeId() + " is in two confirmed pairs");
            }
        }
    }

    /** A problem without exclusions or confirmed pairs. */
    public static MatchingProblem of(MatchingSettings settings, List<Mentee> mentees, List<Mentor> mentors) {
        return new MatchingProblem(settings, mentees, mentors, Set.of(), List.of());
    }

    private static <T> List<T> copy(List<T> values, String field) {
        if (values == null) {
            return List.of();
        }
        List<T> copy = new ArrayList<>(values.size());
        for (T v : values) {
            if (v == null) {
                throw new IllegalArgumentException(field + " must not contain null");
            }
            copy.add(v);
        }
        return List.copyOf(copy);
    }
}
