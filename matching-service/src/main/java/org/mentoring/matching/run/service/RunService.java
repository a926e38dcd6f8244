package org.mentoring.matching.run.service;

import org.mentoring.matching.config.MatchingConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.matching.pool.model.Candidate;
import org.mentoring.matching.pool.service.CandidateRepository;
import org.mentoring.matching.pool.service.PoolService;
import org.mentoring.matching.programme.model.ProgrammeProjection;
import org.mentoring.matching.programme.service.ProgrammeProjectionRepository;
import org.mentoring.matching.run.model.MatchingRun;
import org.mentoring.platform.problem.ProblemException;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Matching runs as the API sees them: queued at once (202) and polled. A replica's {@link RunWorker} claims the queued
 * run, computes it and stores it with its explanations.
 */
@ApplicationScoped
public class RunService {

    /** {@link MatchingRun#eventsBarrier} of a run that waits for no application event. */
    public static final String NOTHING_TO_WAIT_FOR = "";

    private final MatchingRunRepository runs;
    private final ProgrammeProjectionRepository programmes;
    private final CandidateRepository candidates;
    private final int maxPoolSize;
    private final AppliedEvents applied;

    /**
     * {@code maxPoolSize}: the most people (mentees and mentors together) one run takes. The engine's memory grows with
     * the feasible pairs, about with the square of the pool; measured on generated pools of people (matching-service's
     * benchmarks/README.md), the peak heap is about 35 MB at 2,000 people, 140 MB at 4,000, 210 MB at 6,000 and 500 MB
     * at 10,000. The default of 4,000 keeps a run inside the heap of one replica (256 MB locally, 384 MB in Kubernetes)
     * next to everything else the service holds; programmes are far smaller.
     */
    public RunService(MatchingRunRepository runs, ProgrammeProjectionRepository programmes, CandidateRepository candidates, AppliedEvents applied,
                      MatchingConfig.Matching config) {
        this.applied = applied;
        this.runs = runs;
        this.programmes = programmes;
        this.candidates = candidates;
        this.maxPoolSize = config.maxPoolSize();
    }

    /**
     * Queues a run after checking the programme and its pool (both roles, at most {@code mentoring.matching.max-pool-size}
     * people); a replica's worker claims it once this commits. While matching's copy of the programme is still OPEN
     * (the closing was decided at applicants-service and its event is on its way) the run is stored WAITING instead:
     * the worker checks the pool and queues it once the programme is closed, or fails it after
     * {@code mentoring.matching.wait-for-programme}. A programme in DRAFT, or one matching has never heard of, is refused
     * as before (409, 404): no closing can be on its way for it.
     *
     * <p>A run on a closed programme also waits (WAITING) while matching has not applied every application or agreement
     * event that was published when it was requested ({@link AppliedEvents}): an acceptance given just before, or an
     * early end that frees a pair, still in flight, is then taken into account. A run that waited for the closing
     * captures that barrier once the closing is here.
     */
    public Uni<MatchingRun> queue(UUID programmeId, MatchingRun.Mode mode, String adminId) {
        return applied.capture().chain(barrier -> Panache.withTransaction(() -> queue(programmeId, mode, adminId, barrier)));
    }

    /** How a new run starts: its status and its barrier ({@link MatchingRun#eventsBarrier}). */
    private record Start(MatchingRun.Status status, String barrier) {
    }

    private Uni<MatchingRun> queue(UUID programmeId, MatchingRun.Mode mode, String adminId, String barrier) {
        return programmes.findById(programmeId).chain(programme -> {
            if (programme == null) {
                throw ProblemException.notFound("Programme", programmeId);
            }
            if (ProgrammeProjection.OPEN.equals(programme.status)) {
                // the barrier is captured once the closing is here: what was published before it counts
                return Uni.createFrom().item(new Start(MatchingRun.Status.WAITING, null));
            }
            if (!programme.acceptsRuns()) {
                throw new ProblemException(ProblemType.INVALID_STATE, "Matching runs once applications are closed: programme " + programmeId
                        + " is " + programme.status + ", it must be CLOSED or IN_PROGRESS.");
            }
            return candidates.pool(programmeId, PoolService.IN_POOL).chain(pool -> {
                ProblemException problem = poolProblem(pool, maxPoolSize);
                if (problem != null) {
                    throw problem;
                }
                if (barrier == null) {
                    return Uni.createFrom().item(new Start(MatchingRun.Status.QUEUED, NOTHING_TO_WAIT_FOR));
                }
                return applied.behind(barrier).map(behind -> behind != null && behind > 0
                        ? new Start(MatchingRun.Status.WAITING, barrier)
                        : new Start(MatchingRun.Status.QUEUED, barrier));
            });
        }).chain(start -> runs.hasActiveRun(programmeId).chain(active -> {
            if (active) {
                throw new ProblemException(ProblemType.ALREADY_EXISTS, "A matching run of programme " + programmeId + " is already running or waiting: wait for it.");
            }
            MatchingRun run = new MatchingRun();
            run.id = UUID.randomUUID();
            run.programmeId = programmeId;
            run.mode = mode;
            run.status = start.status();
            run.eventsBarrier = start.barrier();
            run.requestedBy = adminId;
            run.requestedAt = Instant.now();
            return runs.persist(run);
        }));
    }

    /**
     * Why a pool cannot be matched (the problem to answer with), or null: it needs mentees and mentors, and at most
     * {@code maxPoolSize} people.
     */
    static ProblemException poolProblem(List<Candidate> pool, int maxPoolSize) {
        long mentees = pool.stream().filter(c -> "MENTEE".equals(c.role)).count();
        long mentors = pool.size() - mentees;
        if (mentees == 0 || mentors == 0) {
            return new ProblemException(ProblemType.EMPTY_POOL, "The pool has " + mentees + " accepted mentees and "
                    + mentors + " accepted mentors: accept applications of both roles before matching.");
        }
        if (pool.size() > maxPoolSize) {
            return new ProblemException(ProblemType.POOL_TOO_LARGE, "The pool has " + pool.size()
                    + " people (" + mentees + " mentees, " + mentors + " mentors), above the limit of " + maxPoolSize
                    + " people for one matching run: split the programme into smaller cohorts, or have the operator raise "
                    + "mentoring.matching.max-pool-size and the service's memory with it.");
        }
        return null;
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

    /**
     * The people a run's result is about (by the subject of their tokens): those of its pairs and its unmatched, as far
     * as they are still in the pool's records (an erased person is not).
     */
    @WithSession
    public Uni<List<String>> peopleOf(MatchingRun run) {
        if (run.result == null) {
            return Uni.createFrom().item(List.of());
        }
        Set<UUID> applications = new LinkedHashSet<>();
        run.result.pairs().forEach(pair -> {
            applications.add(pair.menteeApplicationId());
            applications.add(pair.mentorApplicationId());
        });
        run.result.unmatched().forEach(u -> applications.add(u.applicationId()));
        if (applications.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return candidates.list("applicationId in ?1 order by applicationId", List.copyOf(applications))
                .map(found -> found.stream().map(c -> c.applicantId).distinct().toList());
    }

    @WithSession
    public Uni<List<MatchingRun>> latest(UUID programmeId) {
        return runs.latest(programmeId, 50);
    }
}
