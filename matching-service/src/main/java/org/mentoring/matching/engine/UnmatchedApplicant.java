package org.mentoring.matching.engine;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Someone the run leaves without a partner, and why.
 *
 * @param id                   the person
 * @param role                 mentee or mentor
 * @param reasonCode           a stable code: a {@link HardRule#id()} when that rule leaves no candidate,
 *                             {@code no-candidates} when the pool has nobody on the other side,
 *                             {@code candidates-taken} when candidates pass every rule but the optimum gives them to
 *                             others
 * @param reason               the same for a person, with the numbers that matter, for example "no mentor outside
 *                             their institute shares a language with them (they speak: de)"
 * @param candidates           how many people on the other side were considered
 * @param feasibleCandidates   how many of them pass every hard rule
 * @param failingByRule        per hard rule, how many candidates fail it (a candidate can fail several); rules
 *                             nobody fails are absent; iterates in {@link HardRule} order
 */
public record UnmatchedApplicant(
        String id,
        Role role,
        String reasonCode,
        String reason,
        int candidates,
        int feasibleCandidates,
        Map<HardRule, Integer> failingByRule) {

    public static final String NO_CANDIDATES = "no-candidates";
    public static final String CANDIDATES_TAKEN = "candidates-taken";

    public UnmatchedApplicant {
        EnumMap<HardRule, Integer> ordered = new EnumMap<>(HardRule.class);
        ordered.putAll(failingByRule);
        failingByRule = Collections.unmodifiableMap(ordered);
    }
}
