package org.mentoring.matching.engine;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Tells an unmatched person why. Every candidate on the other side is checked against every hard rule; the rules
 * are then applied one after the other in {@link HardRule} order, and the reason names the first rule that leaves
 * nobody, qualified by the earlier rules that removed someone ("no mentor outside their institute shares a language
 * with them"). When candidates pass every rule, the reason is capacity or the optimum giving them to others.
 */
final class UnmatchedExplainer {

    private static final HardRule[] RULES = HardRule.values();

    private final CompiledPool pool;

    UnmatchedExplainer(CompiledPool pool) {
        this.pool = pool;
    }

    UnmatchedApplicant explainMentee(int i) {
        Mentee mentee = pool.mentees[i];
        int[] firstBroken = new int[RULES.length + 1];
        Map<HardRule, Integer> failing = new EnumMap<>(HardRule.class);
        int feasible = 0;
        int feasibleWithRoom = 0;
        for (int j = 0; j < pool.m; j++) {
            int broken = pool.brokenRules(i, j);
            if (pool.remainingCapacity[j] == 0) {
                broken |= CompiledPool.bit(HardRule.MENTOR_CAPACITY);
            }
            count(broken, failing, firstBroken);
            if ((broken & ~CompiledPool.bit(HardRule.MENTOR_CAPACITY)) == 0) {
                feasible++;
                if (pool.remainingCapacity[j] > 0) {
                    feasibleWithRoom++;
                }
            }
        }
        String code;
        String reason;
        if (pool.m == 0) {
            code = UnmatchedApplicant.NO_CANDIDATES;
            reason = "there are no mentors in the pool";
        } else if (feasible == 0) {
            HardRule rule = blockingRule(firstBroken, pool.m);
            code = rule.id();
            reason = sentence(Side.MENTEE, mentee, rule, firstBroken, pool.m);
        } else if (feasibleWithRoom == 0) {
            code = HardRule.MENTOR_CAPACITY.id();
            reason = allWhoPass(feasible, "mentor") + (feasible == 1 ? " is" : " are")
                    + " at capacity with confirmed pairs";
        } else {
            code = UnmatchedApplicant.CANDIDATES_TAKEN;
            reason = allWhoPass(feasibleWithRoom, "mentor") + " went to "
                    + (feasibleWithRoom == 1 ? "another mentee" : "other mentees")
                    + ": pairing them would leave another mentee unmatched or lower the total fit";
        }
        return new UnmatchedApplicant(mentee.id(), Role.MENTEE, code, reason, pool.m, feasible, failing);
    }

    UnmatchedApplicant explainMentor(int j) {
        Mentor mentor = pool.mentors[j];
        int[] firstBroken = new int[RULES.length + 1];
        Map<HardRule, Integer> failing = new EnumMap<>(HardRule.class);
        int feasible = 0;
        int feasibleFree = 0;
        for (int i = 0; i < pool.n; i++) {
            int broken = pool.brokenRules(i, j);
            count(broken, failing, firstBroken);
            if (broken == 0) {
                feasible++;
                if (pool.confirmedMentor[i] < 0) {
                    feasibleFree++;
                }
            }
        }
        String code;
        String reason;
        if (pool.capacity[j] == 0) {
            code = HardRule.MENTOR_CAPACITY.id();
            reason = "their capacity is 0 mentees";
            failing.put(HardRule.MENTOR_CAPACITY, pool.n);
        } else if (pool.n == 0) {
            code = UnmatchedApplicant.NO_CANDIDATES;
            reason = "there are no mentees in the pool";
        } else if (feasible == 0) {
            HardRule rule = blockingRule(firstBroken, pool.n);
            code = rule.id();
            reason = sentence(Side.MENTOR, mentor, rule, firstBroken, pool.n);
        } else if (feasibleFree == 0) {
            code = UnmatchedApplicant.CANDIDATES_TAKEN;
            reason = allWhoPass(feasible, "mentee") + (feasible == 1 ? " already has" : " already have")
                    + " a confirmed mentor";
        } else {
            code = UnmatchedApplicant.CANDIDATES_TAKEN;
            reason = allWhoPass(feasibleFree, "mentee") + " went to "
                    + (feasibleFree == 1 ? "another mentor" : "other mentors")
                    + ": pairing them would leave another mentee unmatched or lower the total fit";
        }
        return new UnmatchedApplicant(mentor.id(), Role.MENTOR, code, reason, pool.n, feasible, failing);
    }

    /** Counts failures per rule, and per candidate the first rule (in order) it fails. */
    private static void count(int broken, Map<HardRule, Integer> failing, int[] firstBroken) {
        int first = RULES.length;
        for (int r = RULES.length - 1; r >= 0; r--) {
            if ((broken & (1 << r)) != 0) {
                failing.merge(RULES[r], 1, Integer::sum);
                first = r;
            }
        }
        firstBroken[first]++;
    }

    /** The first rule after which no candidate is left. */
    private static HardRule blockingRule(int[] firstBroken, int candidates) {
        int left = candidates;
        for (int r = 0; r < RULES.length; r++) {
            left -= firstBroken[r];
            if (left == 0) {
                return RULES[r];
            }
        }
        throw new IllegalStateException("candidates left after every rule");
    }

    private enum Side {
        MENTEE("mentor"),
        MENTOR("mentee");

        final String other;

        Side(String other) {
            this.other = other;
        }
    }

    private String sentence(Side side, Participant person, HardRule rule, int[] firstBroken, int candidates) {
        String other = side.other;
        if (rule == HardRule.DIFFERENT_INSTITUTE) {
            return (candidates == 1 ? "the only " + other + " is" : "all " + candidates + " " + other + "s are")
                    + " from their own institute (" + person.institute() + ")";
        }
        List<String> qualifiers = new ArrayList<>();
        for (int r = 0; r < rule.ordinal(); r++) {
            if (firstBroken[r] > 0) {
                qualifiers.add(qualifier(side, RULES[r]));
            }
        }
        String subject = "no " + other + (qualifiers.isEmpty() ? "" : " " + String.join(", ", qualifiers));
        MatchingSettings s = pool.settings;
        return switch (rule) {
            case OUTSIDE_REPORTING_LINE -> subject + " is outside their reporting line (the rule reaches "
                    + s.hierarchyExclusionLevels() + " " + plural("level", s.hierarchyExclusionLevels())
                    + ": managers, skip-level managers and peers under a shared manager)";
            case SENIORITY_GAP -> side == Side.MENTEE
                    ? subject + " has at least " + s.minSeniorityGapYears() + " years less experience than their "
                            + person.yearsOfExperience() + " years"
                    : subject + " has at least " + s.minSeniorityGapYears() + " years more experience than their "
                            + person.yearsOfExperience() + " years";
            case SHARED_LANGUAGE -> subject + " shares a language with them (they speak: "
                    + (person.languages().isEmpty() ? "none given" : String.join(", ", person.languages())) + ")";
            case COMPATIBLE_FORMAT -> subject + " accepts a meeting format they accept (they accept: "
                    + formats(person) + ")";
            case WITHIN_DISTANCE -> distanceSentence(side, person, subject);
            case AVAILABILITY_OVERLAP -> subject + " has at least " + AvailabilityOverlap.MIN_OVERLAP_MINUTES
                    + " minutes in a row of weekly availability in common with them, every week (they can meet: "
                    + (person.availability() == null ? "any time" : person.availability().describe()) + ")";
            case NOT_EXCLUDED -> subject + " is left once excluded pairs (admin exclusions and earlier declines)"
                    + " are removed";
            default -> throw new IllegalStateException("not a blocking rule: " + rule);
        };
    }

    private String distanceSentence(Side side, Participant person, String subject) {
        String km = formatKm(pool.settings.maxDistanceKm());
        boolean requires = person.requiresInPerson();
        if (person.location().coordinates() == null) {
            return requires
                    ? "their location has no coordinates, which in-person-only meetings need to check the " + km
                            + " km limit"
                    : "every " + side.other + " left accepts only in-person meetings, and their location has no"
                            + " coordinates to check the " + km + " km limit";
        }
        return subject + " is within " + km + " km (with known coordinates) for "
                + (requires ? "their" : "the " + side.other + "'s") + " in-person-only meetings";
    }

    private static String qualifier(Side side, HardRule rule) {
        return switch (rule) {
            case DIFFERENT_INSTITUTE -> "outside their institute";
            case OUTSIDE_REPORTING_LINE -> "outside their reporting line";
            case SENIORITY_GAP -> side == Side.MENTEE ? "junior enough" : "senior enough";
            case SHARED_LANGUAGE -> "sharing a language";
            case COMPATIBLE_FORMAT -> "with a compatible meeting format";
            case WITHIN_DISTANCE -> "within reach";
            case AVAILABILITY_OVERLAP -> "available at the same time";
            case NOT_EXCLUDED -> "not excluded";
            case MENTOR_CAPACITY -> "with room";
        };
    }

    private static String formats(Participant p) {
        if (p.meetingFormats().isEmpty()) {
            return "none given";
        }
        List<String> names = new ArrayList<>();
        for (MeetingFormat f : p.meetingFormats()) {
            names.add(f == MeetingFormat.IN_PERSON ? "in person" : "online");
        }
        return String.join(", ", names);
    }

    private static String allWhoPass(int count, String noun) {
        return count == 1 ? "the only " + noun + " who passes every rule"
                : "all " + count + " " + noun + "s who pass every rule";
    }

    private static String formatKm(double km) {
        return km == Math.rint(km) ? Long.toString((long) km) : Double.toString(km);
    }

    private static String plural(String word, long count) {
        return count == 1 ? word : word + "s";
    }
}
