package org.mentoring.matching.proposal.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.contracts.events.Topics;
import org.mentoring.contracts.events.matching.MatchV1;
import org.mentoring.matching.pool.model.Candidate;
import org.mentoring.matching.pool.service.CandidateRepository;
import org.mentoring.matching.programme.model.ProgrammeProjection;
import org.mentoring.matching.programme.service.ProgrammeProjectionRepository;
import org.mentoring.matching.proposal.model.MatchProposal;
import org.mentoring.platform.outbox.Outbox;

/** Stages a {@code mentoring.match.*} event carrying the pair as it now stands. */
@ApplicationScoped
public class MatchEvents {

    private final Outbox outbox;
    private final CandidateRepository candidates;
    private final ProgrammeProjectionRepository programmes;

    public MatchEvents(Outbox outbox, CandidateRepository candidates, ProgrammeProjectionRepository programmes) {
        this.outbox = outbox;
        this.candidates = candidates;
        this.programmes = programmes;
    }

    public Uni<?> publish(String type, MatchProposal p) {
        return publish(type, p, p.status == MatchProposal.Status.DECLINED || p.status == MatchProposal.Status.REJECTED
                ? p.decisionReason : p.overrideReason);
    }

    /** The event with its {@code reason} given: why the pair was withdrawn, or which rules it now breaks. */
    public Uni<?> publish(String type, MatchProposal p, String reason) {
        return programmes.findById(p.programmeId).chain(programme -> candidates.findById(p.menteeApplicationId)
                .chain(mentee -> candidates.findById(p.mentorApplicationId)
                        .chain(mentor -> outbox.publish(Topics.MATCHING, type, p.id.toString(), snapshot(p, programme, mentee, mentor, reason)))));
    }

    private static MatchV1 snapshot(MatchProposal p, ProgrammeProjection programme, Candidate mentee, Candidate mentor,
                                    String reason) {
        return new MatchV1(p.id, p.programmeId, p.runId, p.status.name(),
                party(p.menteeApplicationId, p.menteeApplicantId, mentee),
                party(p.mentorApplicationId, p.mentorApplicantId, mentor),
                p.agendaTopics, p.preferredFormat,
                new MatchV1.AgreementDefaults(programme == null ? 6 : programme.agreementMonths,
                        programme == null ? 14 : programme.cadenceDays),
                p.score, reason, p.updatedAt);
    }

    private static MatchV1.Party party(java.util.UUID applicationId, String applicantId, Candidate c) {
        return new MatchV1.Party(applicationId, applicantId, c == null ? null : c.displayName, c == null ? null : c.institute);
    }
}
