package org.mentoring.matching.run.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.contracts.events.matching.MatchingRunV1;
import org.mentoring.matching.engine.MatchingEngine;
import org.mentoring.matching.engine.MatchingResult;
import org.mentoring.matching.pool.model.Candidate;
import org.mentoring.matching.pool.service.CandidateRepository;
import org.mentoring.matching.pool.service.PoolService;
import org.mentoring.matching.programme.model.ProgrammeProjection;
import org.mentoring.matching.programme.service.ProgrammeProjections;
import org.mentoring.matching.proposal.model.MatchProposal;
import org.mentoring.matching.proposal.service.ExcludedPairs;
import org.mentoring.matching.proposal.service.MatchProposals;
import org.mentoring.matching.run.model.MatchingRun;
import org.mentoring.matching.run.model.RunResult;
import org.mentoring.platform.outbox.Outbox;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.work.BackgroundWork;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Matching runs: accepted at once (202), computed in the background on a worker thread, stored with
 * their explanations. A published run replaces the proposals nobody approved yet with its own; approved
 * and confirmed pairs are kept as they are.
 */
@ApplicationScoped
public class RunService {

    private static final Logger LOG = Logger.getLogger(RunService.class);

    private final MatchingRuns runs;
    private final ProgrammeProjections programmes;
    private final CandidateRepository candidates;
    private final MatchProposals proposals;
    private final ExcludedPairs exclusions;
    private final Outbox outbox;
    private final BackgroundWork background;
    private final MatchingEngine engine = new MatchingEngine();

    public RunService(MatchingRuns runs, ProgrammeProjections programmes, CandidateRepository candidates, MatchProposals proposals,
                      ExcludedPairs exclusions, Outbox outbox, BackgroundWork background) {
        this.runs = runs;
        this.programmes = programmes;
        this.candidates = candidates;
        this.proposals = proposals;
        this.exclusions = exclusions;
        this.outbox = outbox;
        this.background = background;
    }

    /** Queues a run after checking the programme and its pool; the run itself starts once this commits. */
    @WithTransaction
    public Uni<MatchingRun> queue(UUID programmeId, MatchingRun.Mode mode, String adminId) {
        return programmes.findById(programmeId).chain(programme -> {
            if (programme == null) {
                throw ProblemException.notFound("Programme", programmeId);
            }
            if (!programme.acceptsRuns()) {
                throw ProblemException.conflict("Matching runs once applications are closed: programme " + programmeId
                        + " is " + programme.status + ", it must be CLOSED or IN_PROGRESS.");
            }
            return candidates.pool(programmeId, PoolService.IN_POOL);
        }).chain(pool -> {
            long mentees = pool.stream().filter(c -> "MENTEE".equals(c.role)).count();
            long mentors = pool.size() - mentees;
            if (mentees == 0 || mentors == 0) {
                throw new ProblemException(409, "empty-pool", "Empty pool", "The pool has " + mentees + " accepted mentees and "
                        + mentors + " accepted mentors: accept applications of both roles before matching.");
            }
            return runs.hasActiveRun(programmeId);
        }).chain(active -> {
            if (active) {
                throw ProblemException.conflict("A matching run of programme " + programmeId + " is already running: wait for it.");
            }
            MatchingRun run = new MatchingRun();
            run.id = UUID.randomUUID();
            run.programmeId = programmeId;
            run.mode = mode;
            run.status = MatchingRun.Status.QUEUED;
            run.requestedBy = adminId;
            run.requestedAt = Instant.now();
            return runs.persist(run);
        });
    }

    /** Starts a queued run in the background. */
    public void launch(UUID runId) {
        background.submit("Matching run " + runId, () -> execute(runId), () -> { });
    }

    @WithSession
    public Uni<MatchingRun> get(UUID programmeId, UUID runId) {
        return runs.findById(runId).map(run -> {
            if (run == null || !run.programmeId.equals(programmeId)) {
                throw ProblemException.notFound("Matching run", runId);
            }
            return run;
        });
    }

    @WithSession
    public Uni<List<MatchingRun>> latest(UUID programmeId) {
        return runs.latest(programmeId, 50);
    }

    /** A run interrupted by a restart would block its programme for ever: fail it (single-replica assumption). */
    void failInterrupted(@Observes StartupEvent startup) {
        background.submit("Failing interrupted matching runs", () -> Panache.withTransaction(() -> runs.update(
                "status = ?1, error = ?2, finishedAt = ?3 where status in ?4", MatchingRun.Status.FAILED,
                "Interrupted by a restart of matching-service", Instant.now(),
                List.of(MatchingRun.Status.QUEUED, MatchingRun.Status.RUNNING))), () -> { });
    }

    private record Inputs(MatchingRun run, ProgrammeProjection programme, EngineAdapter adapter) {
    }

    private record Outcome(Inputs inputs, MatchingResult result) {
    }

    Uni<Void> execute(UUID runId) {
        return Panache.withTransaction(() -> runs.findById(runId).chain(run -> {
                    run.status = MatchingRun.Status.RUNNING;
                    run.startedAt = Instant.now();
                    return programmes.findById(run.programmeId).chain(programme -> candidates.pool(run.programmeId, PoolService.IN_POOL)
                            .chain(pool -> exclusions.of(run.programmeId).chain(excluded -> proposals.kept(run.programmeId)
                                    .map(kept -> new Inputs(run, programme, new EngineAdapter(programme.settings, pool,
                                            excluded.stream().map(e -> new EngineAdapter.PairKeyOfApplications(
                                                    e.key.menteeApplicationId(), e.key.mentorApplicationId())).toList(),
                                            kept.stream().map(p -> new EngineAdapter.PairKeyOfApplications(
                                                    p.menteeApplicationId, p.mentorApplicationId)).toList()))))));
                }))
                .chain(inputs -> background.blocking(() -> new Outcome(inputs, engine.match(inputs.adapter().problem))))
                .chain(outcome -> Panache.withTransaction(() -> store(runId, outcome)))
                .onFailure().call(failure -> {
                    LOG.errorf(failure, "Matching run %s failed", runId);
                    return Panache.withTransaction(() -> runs.findById(runId).invoke(run -> {
                        run.status = MatchingRun.Status.FAILED;
                        run.error = failure.getMessage() == null ? failure.toString() : failure.getMessage();
                        run.finishedAt = Instant.now();
                    }));
                })
                .replaceWithVoid();
    }

    private Uni<Void> store(UUID runId, Outcome outcome) {
        EngineAdapter adapter = outcome.inputs().adapter();
        MatchingResult result = outcome.result();
        RunResult stored = adapter.toResult(result);
        return runs.findById(runId).chain(run -> {
            run.result = stored;
            run.mentees = adapter.problem.mentees().size();
            run.mentors = adapter.problem.mentors().size();
            run.totalScore = result.totalScore();
            Uni<?> proposalsStored = run.mode == MatchingRun.Mode.PUBLISH
                    ? proposals.supersedeUnapproved(run.programmeId).chain(n -> Multi.createFrom().iterable(result.proposals())
                    .filter(p -> !p.confirmed())
                    .onItem().transformToUniAndConcatenate(p -> proposals.persist(newProposal(run, adapter.candidate(p.menteeId()),
                            adapter.candidate(p.mentorId()), p.score(), EngineAdapter.assessment(p.assessment()))))
                    .collect().asList())
                    : Uni.createFrom().voidItem();
            return proposalsStored.chain(x -> {
                run.status = MatchingRun.Status.COMPLETED;
                run.finishedAt = Instant.now();
                return outbox.publish(Topics.MATCHING, EventTypes.MATCHING_RUN_COMPLETED, run.programmeId.toString(),
                        new MatchingRunV1(run.id, run.programmeId, run.mode.name(), run.status.name(), run.mentees, run.mentors,
                                (int) result.proposals().stream().filter(p -> !p.confirmed()).count(), result.unmatched().size(),
                                result.totalScore(), run.finishedAt));
            });
        }).replaceWithVoid();
    }

    private static MatchProposal newProposal(MatchingRun run, Candidate mentee, Candidate mentor, double score,
                                             org.mentoring.matching.proposal.model.Assessment assessment) {
        Instant now = Instant.now();
        MatchProposal p = new MatchProposal();
        p.id = UUID.randomUUID();
        p.programmeId = run.programmeId;
        p.runId = run.id;
        p.menteeApplicationId = mentee.applicationId;
        p.mentorApplicationId = mentor.applicationId;
        p.menteeApplicantId = mentee.applicantId;
        p.mentorApplicantId = mentor.applicantId;
        p.status = MatchProposal.Status.PROPOSED;
        p.score = score;
        p.assessment = assessment;
        p.agendaTopics = PairChecks.agenda(mentee, assessment.sharedTopics());
        p.preferredFormat = PairChecks.preferredFormat(assessment, mentee, mentor);
        p.manual = false;
        p.createdBy = run.requestedBy;
        p.createdAt = now;
        p.updatedAt = now;
        return p;
    }
}
