package org.mentoring.matching.run.service;

import org.mentoring.contracts.events.applicants.ProgrammeV1;
import org.mentoring.matching.engine.Location;
import org.mentoring.matching.engine.MatchingProblem;
import org.mentoring.matching.engine.MatchingResult;
import org.mentoring.matching.engine.MatchingSettings;
import org.mentoring.matching.engine.MatchingWeights;
import org.mentoring.matching.engine.MeetingFormat;
import org.mentoring.matching.engine.Mentee;
import org.mentoring.matching.engine.Mentor;
import org.mentoring.matching.engine.PairAssessment;
import org.mentoring.matching.engine.PairKey;
import org.mentoring.matching.engine.WeeklyAvailability;
import org.mentoring.matching.pool.model.Candidate;
import org.mentoring.matching.proposal.model.Assessment;
import org.mentoring.matching.run.model.RunResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Translates between the pool as stored and the engine's plain-Java model. The engine identifies people
 * by directory id (reporting lines are in that id space); people the directory does not know are
 * identified by their application id, which cannot collide with a directory id.
 */
final class EngineAdapter {

    private final Map<String, Candidate> byEngineId = new HashMap<>();
    private final Map<UUID, String> engineIdOfApplication = new HashMap<>();
    final MatchingProblem problem;

    EngineAdapter(ProgrammeV1.MatchingSettings settings, List<Candidate> pool, List<PairKeyOfApplications> excluded,
                  List<PairKeyOfApplications> kept) {
        List<Mentee> mentees = new ArrayList<>();
        List<Mentor> mentors = new ArrayList<>();
        for (Candidate c : pool) {
            String id = c.directoryPersonId != null ? c.directoryPersonId.toString() : c.applicationId.toString();
            if (byEngineId.putIfAbsent(id, c) != null) {
                continue; // one person, one place in the pool
            }
            engineIdOfApplication.put(c.applicationId, id);
            List<String> line = c.managerChain == null ? List.of() : c.managerChain.stream().map(UUID::toString).toList();
            Location location = c.latitude != null && c.longitude != null
                    ? Location.of(c.city, c.latitude, c.longitude)
                    : c.city != null ? Location.named(c.city) : Location.UNKNOWN;
            List<MeetingFormat> formats = c.meetingFormats.stream().map(MeetingFormat::valueOf).toList();
            int hours = c.availabilityHoursPerMonth == null ? 0 : c.availabilityHoursPerMonth;
            int years = c.yearsOfExperience == null ? 0 : c.yearsOfExperience;
            Map<String, String> diversity = c.diversity == null ? Map.of() : c.diversity.attributes();
            List<String> languages = c.languages == null ? List.of() : c.languages;
            WeeklyAvailability weekly = availability(c);
            if ("MENTEE".equals(c.role)) {
                mentees.add(Mentee.of(id, c.institute, line, languages, formats, location, hours, years, c.topics, diversity)
                        .withAvailability(weekly));
            } else {
                mentors.add(Mentor.of(id, c.institute, line, languages, formats, location, hours, years, c.topics,
                        c.mentorCapacity, diversity).withAvailability(weekly));
            }
        }
        Set<PairKey> excludedKeys = new HashSet<>();
        for (PairKeyOfApplications pair : excluded) {
            PairKey key = key(pair);
            if (key != null) {
                excludedKeys.add(key);
            }
        }
        List<PairKey> keptKeys = new ArrayList<>();
        Set<String> keptMentees = new HashSet<>();
        for (PairKeyOfApplications pair : kept) {
            PairKey key = key(pair);
            if (key != null && keptMentees.add(key.menteeId())) {
                keptKeys.add(key);
            }
        }
        ProgrammeV1.Weights w = settings.weights();
        MatchingSettings engineSettings = new MatchingSettings(
                new MatchingWeights(w.topicFit(), w.proximity(), w.availability(), w.diversity()),
                settings.hierarchyExclusionLevels(), settings.maxInPersonDistanceKm(), settings.mentorCapacity(),
                settings.minSeniorityGapYears(), MatchingSettings.DEFAULT_DIVERSITY_ATTRIBUTES);
        this.problem = new MatchingProblem(engineSettings, mentees, mentors, excludedKeys, keptKeys);
    }

    /** The stored availability (validated when it was projected), or null for any time. */
    private static WeeklyAvailability availability(Candidate c) {
        Candidate.WeeklyAvailability a = c.weeklyAvailability;
        if (a == null) {
            return null;
        }
        try {
            return WeeklyAvailability.parse(a.weekdays(), a.from(), a.to(), a.timeZone());
        } catch (IllegalArgumentException e) {
            return null; // a zone the runtime no longer knows: any time, as for a person who stated none
        }
    }

    /** A pair named by application ids. */
    record PairKeyOfApplications(UUID menteeApplicationId, UUID mentorApplicationId) {
    }

    PairKey key(PairKeyOfApplications pair) {
        String mentee = engineIdOfApplication.get(pair.menteeApplicationId());
        String mentor = engineIdOfApplication.get(pair.mentorApplicationId());
        return mentee == null || mentor == null ? null : new PairKey(mentee, mentor);
    }

    Candidate candidate(String engineId) {
        return byEngineId.get(engineId);
    }

    RunResult toResult(MatchingResult result) {
        List<RunResult.Pair> pairs = result.proposals().stream()
                .map(p -> new RunResult.Pair(candidate(p.menteeId()).applicationId, candidate(p.mentorId()).applicationId,
                        p.confirmed(), p.score(), assessment(p.assessment())))
                .toList();
        List<RunResult.Unmatched> unmatched = result.unmatched().stream()
                .map(u -> {
                    Map<String, Integer> failing = new HashMap<>();
                    u.failingByRule().forEach((rule, n) -> failing.put(rule.id(), n));
                    return new RunResult.Unmatched(candidate(u.id()).applicationId, u.role().name(), u.reasonCode(), u.reason(),
                            u.candidates(), u.feasibleCandidates(), failing);
                })
                .toList();
        var f = result.fairness();
        var s = f.scores();
        RunResult.Fairness fairness = new RunResult.Fairness(
                new RunResult.Distribution(s.count(), s.min(), s.firstQuartile(), s.median(), s.thirdQuartile(), s.max(), s.mean()),
                f.inPersonShare(),
                f.byRole().stream().map(g -> new RunResult.GroupShare(g.group(), g.participants(), g.matched(), g.share())).toList(),
                f.byInstitute().stream().map(g -> new RunResult.GroupShare(g.group(), g.participants(), g.matched(), g.share())).toList());
        return new RunResult(pairs, unmatched, fairness, result.matchedMentees(), result.feasiblePairs(), result.certifiedOptimal());
    }

    static Assessment assessment(PairAssessment a) {
        return new Assessment(a.score().topicFit(), a.score().proximity(), a.score().availability(), a.score().diversity(),
                a.passedRules().stream().map(r -> r.id()).toList(), a.brokenRules().stream().map(r -> r.id()).toList(),
                a.meetingMode() == null ? null : a.meetingMode().name(), a.distanceKm(), a.canMeetInPerson(),
                a.sharedTopics(), a.sharedLanguages());
    }
}
