package org.mentoring.agreements.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mentoring.platform.work.BackgroundWork;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Completes ACTIVE agreements whose end date has passed (UTC), every {@code mentoring.agreements.completion-every}. */
@ApplicationScoped
public class CompletionJob {

    private static final Logger LOG = Logger.getLogger(CompletionJob.class);

    private final AgreementService service;
    private final BackgroundWork work;

    public CompletionJob(AgreementService service, BackgroundWork work) {
        this.service = service;
        this.work = work;
    }

    @Scheduled(every = "${mentoring.agreements.completion-every:1h}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run(LocalDate.now(ZoneOffset.UTC));
    }

    /** Completes what is due on {@code today}; the stage holds how many agreements were completed. */
    public CompletionStage<Integer> run(LocalDate today) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        work.submit("Completing agreements due on " + today,
                () -> service.completeDue(today).invoke(n -> {
                    if (n > 0) {
                        LOG.infof("Completed %d agreements whose end date passed", n);
                    }
                    done.complete(n);
                }),
                () -> done.completeExceptionally(new IllegalStateException("Completing agreements failed")));
        return done;
    }
}
