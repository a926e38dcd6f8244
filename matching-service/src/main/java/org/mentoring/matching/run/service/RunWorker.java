package org.mentoring.matching.run.service;

import org.mentoring.matching.config.MatchingConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
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
import org.mentoring.matching.programme.service.ProgrammeProjectionRepository;
import org.mentoring.matching.proposal.model.MatchProposal;
import org.mentoring.matching.proposal.service.ExcludedPairRepository;
import org.mentoring.matching.proposal.service.MatchProposalRepository;
import org.mentoring.matching.run.model.MatchingRun;
import org.mentoring.matching.run.model.RunResult;
import org.mentoring.platform.outbox.Outbox;
import org.mentoring.platform.work.BackgroundWork;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Computes matching runs, on whichever replica claims them. Every replica polls the queue and claims the oldest QUEUED
 * run with {@code FOR UPDATE SKIP LOCKED}, so exactly one replica computes each run; a replica computes one run at a
 * time (the engine is CPU-bound), the others take the next ones. While a replica computes a run it refreshes the run's
 * heartbeat; any replica fails a RUNNING run whose heartbeat is older than {@code mentoring.runs.stale-after} (its
 * replica died or lost the database), never a run a live replica is computing. A replica that lost its run that way
 * drops its result instead of storing it. A published run replaces the proposals nobody approved yet with its own;
 * approved and live confirmed pairs are kept as they are. A re-matching (REMATCH) keeps every open proposal and every
 * live confirmed pair as they are (they count against their mentor's capacity) and proposes pairs for the people
 * without a partner only; a confirmed pair whose agreement was terminated early is no longer kept, which frees both.
 * <p>
 * A WAITING run (requested while matching's copy of the programme was still OPEN) is looked at on every poll, under
 * the same {@code FOR UPDATE SKIP LOCKED} claiming: once the programme is CLOSED or IN_PROGRESS its pool is checked and
 * it is QUEUED (or FAILED with the pool's problem); a programme that went elsewhere (cancelled) fails it; after
 * {@code mentoring.matching.wait-for-programme} without the closing it FAILS with the reason.
 */
@ApplicationScoped
public class RunWorker {

    private static final Logger LOG = Logger.getLogger(RunWorker.class);
    private static final int MAX_ERROR = 2000;

    private final MatchingRunRepository runs;
    private final ProgrammeProjectionRepository programmes;
    private final CandidateRepository candidates;
    private final MatchProposalRepository proposals;
    private final ExcludedPairRepository exclusions;
    private final Outbox outbox;
    private final BackgroundWork background;
    private final AppliedEvents applied;
    private final Duration staleAfter;
    private final Duration waitForProgramme;
    private final int maxPoolSize;
    private final MatchingEngine engine = new MatchingEngine();
    private final String replica = replicaName();
    /** The runs this replica is computing now: the heartbeat refreshes exactly these. */
    private final Set<UUID> computing = ConcurrentHashMap.newKeySet();

    public RunWorker(MatchingRunRepository runs, ProgrammeProjectionRepository programmes, CandidateRepository candidates, MatchProposalRepository proposals,
                     ExcludedPairRepository exclusions, Outbox outbox, BackgroundWork background, AppliedEvents applied,
                     MatchingConfig.Runs runsConfig, MatchingConfig.Matching matching) {
        this.runs = runs;
        this.programmes = programmes;
        this.candidates = candidates;
        this.proposals = proposals;
        this.exclusions = exclusions;
        this.outbox = outbox;
        this.background = background;
        this.applied = applied;
        this.staleAfter = runsConfig.staleAfter();
        this.waitForProgramme = matching.waitForProgramme();
        this.maxPoolSize = matching.maxPoolSize();
    }

    /** This replica's name as runs record it: the host (the pod's name in Kubernetes) and a random part for this start. */
    public String replica() {
        return replica;
    }

    private static String replicaName() {
        String host = System.getenv("HOSTNAME");
        return (host == null || host.isBlank() ? "matching-service" : host) + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ---- the queue ----------------------------------------------------------------------------------------

    @Scheduled(identity = "matching-runs.poll", every = "${mentoring.runs.poll-every:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return startWaiting().chain(this::claimAndRun).replaceWithVoid();
    }

    /**
     * Looks at the WAITING runs no other replica is looking at: queues those whose programme is now closed (failing
     * them when the pool cannot be matched), fails those whose programme went elsewhere or whose wait is over. The item
     * is how many left WAITING.
     */
    public Uni<Integer> startWaiting() {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                                "select id from matching_run where status = 'WAITING' order by requested_at, id limit 20"
                                        + " for update skip locked", UUID.class)
                        .getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(0) : Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(this::decideWaiting)
                        .collect().asList().map(decided -> (int) decided.stream().filter(Boolean::booleanValue).count())));
    }

    private Uni<Boolean> decideWaiting(UUID runId) {
        return runs.findById(runId).chain(run -> programmes.findById(run.programmeId).chain(programme -> {
            Instant now = Instant.now();
            if (programme != null && programme.acceptsRuns()) {
                return appliedEverythingBefore(run).chain(behind -> {
                    if (behind > 0) {
                        if (!now.isBefore(run.requestedAt.plus(waitForProgramme))) {
                            failWaiting(run, "The run waited " + describe(waitForProgramme) + " for matching to apply the "
                                    + "application and agreement events published before it (" + behind + " still to apply): "
                                    + "matching's consumers are behind or stopped. Start a new run once they have "
                                    + "caught up (see the service's health and dead-letter topics).", now);
                            return Uni.createFrom().item(true);
                        }
                        return Uni.createFrom().item(false);
                    }
                    return candidates.pool(run.programmeId, PoolService.IN_POOL).map(pool -> {
                        var problem = RunService.poolProblem(pool, maxPoolSize);
                        if (problem != null) {
                            failWaiting(run, "The programme closed, but the run could not start: " + problem.getMessage(), now);
                        } else {
                            run.status = MatchingRun.Status.QUEUED;
                            LOG.debugf("Matching run %s queued: programme %s is %s", runId, run.programmeId, programme.status);
                        }
                        return true;
                    });
                });
            }
            if (programme == null || !ProgrammeProjection.OPEN.equals(programme.status)) {
                failWaiting(run, "The run waited for programme " + run.programmeId + " to close, but it is now "
                        + (programme == null ? "unknown to matching" : programme.status)
                        + ": runs start only once applications are closed (CLOSED or IN_PROGRESS).", now);
                return Uni.createFrom().item(true);
            }
            if (!now.isBefore(run.requestedAt.plus(waitForProgramme))) {
                failWaiting(run, "The run waited " + describe(waitForProgramme) + " for programme " + run.programmeId
                        + " to close, but matching still sees it OPEN: the closing has not reached matching-service (it "
                        + "may not have been closed at applicants-service, or its events are delayed). Close the programme "
                        + "or wait for its closing to arrive, then start a new run.", now);
                return Uni.createFrom().item(true);
            }
            return Uni.createFrom().item(false);
        }));
    }

    /**
     * How many records of the topics matching follows, published before the run (or before the closing reached
     * matching, for a run that waited for it) matching has still to apply; 0 when none, or when the broker cannot
     * tell (the run then goes ahead, as it did before this check existed). Captures the barrier on first use.
     */
    private Uni<Long> appliedEverythingBefore(MatchingRun run) {
        Uni<String> barrier = run.eventsBarrier != null ? Uni.createFrom().item(run.eventsBarrier)
                : applied.capture().map(captured -> {
                    run.eventsBarrier = captured == null ? RunService.NOTHING_TO_WAIT_FOR : captured;
                    return run.eventsBarrier;
                });
        return barrier.chain(b -> b.isEmpty() ? Uni.createFrom().item(0L)
                : applied.behind(b).map(behind -> behind == null ? 0L : behind));
    }

    private static void failWaiting(MatchingRun run, String reason, Instant now) {
        run.status = MatchingRun.Status.FAILED;
        run.error = reason.length() > MAX_ERROR ? reason.substring(0, MAX_ERROR) : reason;
        run.finishedAt = now;
        LOG.infof("Matching run %s failed while waiting: %s", run.id, reason);
    }

    private static String describe(Duration d) {
        return d.toSeconds() % 60 == 0 && d.toSeconds() >= 60 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    /** Claims the oldest queued run, if there is one, and computes it; the item is the run's id, or null when none was free. */
    public Uni<UUID> claimAndRun() {
        return claim().chain(id -> id == null ? Uni.createFrom().nullItem() : compute(id).replaceWith(id));
    }

    /** Takes the oldest QUEUED run no other replica is taking: it becomes RUNNING, owned by this replica. */
    Uni<UUID> claim() {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                                "select id from matching_run where status = 'QUEUED' order by requested_at, id limit 1"
                                        + " for update skip locked", UUID.class)
                        .getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().<UUID>nullItem() : runs.findById(ids.get(0)).map(run -> {
                    Instant now = Instant.now();
                    run.status = MatchingRun.Status.RUNNING;
                    run.owner = replica;
                    run.startedAt = now;
                    run.heartbeatAt = now;
                    return run.id;
                })))
                .invoke(id -> {
                    if (id != null) {
                        computing.add(id);
                        LOG.debugf("Matching run %s claimed by %s", id, replica);
                    }
                });
    }

    // ---- liveness -----------------------------------------------------------------------------------------

    /** Refreshes the heartbeat of the runs this replica computes (a plain update: it changes no state, so no version). */
    @Scheduled(identity = "matching-runs.heartbeat", every = "${mentoring.runs.heartbeat-every:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> heartbeat() {
        if (computing.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<UUID> ids = List.copyOf(computing);
        return Panache.withTransaction(() -> runs.update("heartbeatAt = ?1 where id in ?2 and status = ?3 and owner = ?4",
                Instant.now(), ids, MatchingRun.Status.RUNNING, replica)).replaceWithVoid();
    }

    /** Runs on every replica, from its start on: fails the runs whose replica is gone. */
    @Scheduled(identity = "matching-runs.recovery", every = "${mentoring.runs.recovery-every:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> recover() {
        return failStale().replaceWithVoid();
    }

    /**
     * Fails every RUNNING run whose heartbeat is older than {@code mentoring.runs.stale-after}, with the reason; a run whose
     * replica still refreshes its heartbeat is left alone. The item is how many were failed.
     */
    public Uni<Integer> failStale() {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "update matching_run set status = 'FAILED', finished_at = :now, version = version + 1,"
                                + " error = 'Interrupted: the replica computing this run (' || coalesce(owner, 'unknown')"
                                + " || ') stopped refreshing its heartbeat for more than ' || :stale || ' (a restart or a crash);"
                                + " start a new run.'"
                                + " where status = 'RUNNING' and (heartbeat_at is null or heartbeat_at < :cutoff)")
                .setParameter("now", now)
                .setParameter("stale", staleAfter.toSeconds() + " s")
                .setParameter("cutoff", now.minus(staleAfter))
                .executeUpdate()))
                .invoke(n -> {
                    if (n > 0) {
                        LOG.warnf("Failed %d matching runs whose replica stopped refreshing their heartbeat", n);
                    }
                });
    }

    // ---- computing ----------------------------------------------------------------------------------------

    private record Inputs(MatchingRun run, ProgrammeProjection programme, EngineAdapter adapter) {
    }

    private record Outcome(Inputs inputs, MatchingResult result) {
    }

    /** Computes a run this replica claimed: inputs read, the engine on a worker thread, the result stored if still ours. */
    Uni<Void> compute(UUID runId) {
        return Panache.withSession(() -> runs.findById(runId).chain(run -> programmes.findById(run.programmeId)
                        .chain(programme -> candidates.pool(run.programmeId, PoolService.IN_POOL)
                                .chain(pool -> exclusions.of(run.programmeId).chain(excluded -> (run.mode == MatchingRun.Mode.REMATCH
                                        ? proposals.keptForRematch(run.programmeId) : proposals.kept(run.programmeId))
                                        .map(kept -> new Inputs(run, programme, new EngineAdapter(programme.settings, pool,
                                                excluded.stream().map(e -> new EngineAdapter.PairKeyOfApplications(
                                                        e.key.menteeApplicationId(), e.key.mentorApplicationId())).toList(),
                                                kept.stream().map(p -> new EngineAdapter.PairKeyOfApplications(
                                                        p.menteeApplicationId, p.mentorApplicationId)).toList()))))))))
                .chain(inputs -> background.blocking(() -> new Outcome(inputs, engine.match(inputs.adapter().problem))))
                .chain(outcome -> Panache.withTransaction(() -> store(runId, outcome)))
                .onFailure().recoverWithUni(failure -> {
                    LOG.errorf(failure, "Matching run %s failed", runId);
                    String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
                    return Panache.withTransaction(() -> fail(runId, message))
                            .onFailure().invoke(again -> LOG.errorf(again, "Matching run %s could not be marked failed; "
                                    + "it will be once its heartbeat is stale", runId))
                            .onFailure().recoverWithNull();
                })
                .eventually(() -> computing.remove(runId));
    }

    /** The run, locked: still RUNNING and ours, or failed meanwhile by another replica that found its heartbeat stale. */
    private Uni<MatchingRun> lockedIfOurs(UUID runId) {
        return runs.findById(runId, LockModeType.PESSIMISTIC_WRITE).map(run -> {
            if (run == null || run.status != MatchingRun.Status.RUNNING || !replica.equals(run.owner)) {
                LOG.warnf("Matching run %s is no longer this replica's (%s): its outcome is dropped", runId,
                        run == null ? "gone" : run.status + ", " + run.error);
                return null;
            }
            return run;
        });
    }

    private Uni<Void> fail(UUID runId, String message) {
        return lockedIfOurs(runId).invoke(run -> {
            if (run != null) {
                run.status = MatchingRun.Status.FAILED;
                run.error = message.length() > MAX_ERROR ? message.substring(0, MAX_ERROR) : message;
                run.finishedAt = Instant.now();
            }
        }).replaceWithVoid();
    }

    private Uni<Void> store(UUID runId, Outcome outcome) {
        EngineAdapter adapter = outcome.inputs().adapter();
        MatchingResult result = outcome.result();
        RunResult stored = adapter.toResult(result);
        return lockedIfOurs(runId).chain(run -> {
            if (run == null) {
                return Uni.createFrom().voidItem();
            }
            run.result = stored;
            run.mentees = adapter.problem.mentees().size();
            run.mentors = adapter.problem.mentors().size();
            run.totalScore = result.totalScore();
            // PUBLISH replaces the proposals nobody approved; REMATCH kept them (with every other pair) and adds its own
            Uni<Integer> superseded = run.mode == MatchingRun.Mode.PUBLISH ? proposals.supersedeUnapproved(run.programmeId)
                    : Uni.createFrom().item(0);
            Uni<?> proposalsStored = run.mode != MatchingRun.Mode.PREVIEW
                    ? superseded.chain(n -> Multi.createFrom().iterable(result.proposals())
                    .filter(p -> !p.confirmed())
                    .onItem().transformToUniAndConcatenate(p -> proposals.persist(newProposal(run, adapter.candidate(p.menteeId()),
                            adapter.candidate(p.mentorId()), p.score(), EngineAdapter.assessment(p.assessment()))))
                    .collect().asList())
                    : Uni.createFrom().voidItem();
            return proposalsStored.chain(x -> {
                run.status = MatchingRun.Status.COMPLETED;
                run.finishedAt = Instant.now();
                return outbox.publish(Topics.MATCHING, EventTypes.MATCHING_RUN_COMPLETED, run.programmeId.toString(),
                        new MatchingRunV1(run.id, run.programmeId, run.mode.name(),
                                run.status.name(), run.mentees, run.mentors,
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
