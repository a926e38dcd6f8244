package org.mentoring.matching.run.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.matching.engine.MatchingEngine;
import org.mentoring.matching.engine.PairAssessment;
import org.mentoring.matching.pool.model.Candidate;
import org.mentoring.matching.pool.service.CandidateRepository;
import org.mentoring.matching.pool.service.PoolService;
import org.mentoring.matching.programme.model.ProgrammeProjection;
import org.mentoring.matching.proposal.model.Assessment;
import org.mentoring.matching.proposal.service.ExcludedPairRepository;
import org.mentoring.matching.proposal.service.MatchProposalRepository;

import java.util.ArrayList;
import java.util.List;

/** Checks one pair against the programme's hard rules with the engine, as a run would, for pairs made by hand. */
@ApplicationScoped
public class PairChecks {

    private final CandidateRepository candidates;
    private final ExcludedPairRepository exclusions;
    private final MatchProposalRepository proposals;
    private final MatchingEngine engine = new MatchingEngine();

    public PairChecks(CandidateRepository candidates, ExcludedPairRepository exclusions, MatchProposalRepository proposals) {
        this.candidates = candidates;
        this.exclusions = exclusions;
        this.proposals = proposals;
    }

    /** The pair's assessment; {@code rulesBroken} is empty when every hard rule holds. */
    public record Result(Assessment assessment, List<String> rulesBroken, double total) {
    }

    public Uni<Result> assess(ProgrammeProjection programme, Candidate mentee, Candidate mentor) {
        return candidates.pool(programme.programmeId, PoolService.IN_POOL)
                .chain(pool -> exclusions.of(programme.programmeId).chain(excluded -> proposals.kept(programme.programmeId)
                        .map(kept -> {
                            EngineAdapter adapter = new EngineAdapter(programme.settings, pool,
                                    excluded.stream().map(e -> new EngineAdapter.PairKeyOfApplications(
                                            e.key.menteeApplicationId(), e.key.mentorApplicationId())).toList(),
                                    kept.stream().map(p -> new EngineAdapter.PairKeyOfApplications(
                                            p.menteeApplicationId, p.mentorApplicationId)).toList());
                            var key = adapter.key(new EngineAdapter.PairKeyOfApplications(mentee.applicationId, mentor.applicationId));
                            PairAssessment assessment = engine.assessPair(adapter.problem, key.menteeId(), key.mentorId());
                            Assessment stored = EngineAdapter.assessment(assessment);
                            return new Result(stored, stored.rulesBroken(), assessment.score().total());
                        })));
    }

    /** The mentee's ranked agenda with the topics the mentor offers first, then the rest in the mentee's order. */
    public static List<String> agenda(Candidate mentee, List<String> sharedTopics) {
        List<String> agenda = new ArrayList<>();
        for (String topic : mentee.topics) {
            if (sharedTopics.contains(topic)) {
                agenda.add(topic);
            }
        }
        for (String topic : mentee.topics) {
            if (!agenda.contains(topic)) {
                agenda.add(topic);
            }
        }
        return agenda;
    }

    /** In person when both accept it and they can meet; online otherwise. */
    public static String preferredFormat(Assessment assessment, Candidate mentee, Candidate mentor) {
        boolean bothInPerson = mentee.meetingFormats.contains("IN_PERSON") && mentor.meetingFormats.contains("IN_PERSON");
        return bothInPerson && assessment.canMeetInPerson() ? "IN_PERSON" : "ONLINE";
    }
}
