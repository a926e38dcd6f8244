package org.mentoring.agreements.agreement.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Completes ACTIVE agreements whose end date has passed (UTC), every {@code mentoring.agreements.completion-every}, on every
 * replica: each batch claims its agreements ({@code FOR UPDATE SKIP LOCKED}), so an agreement is completed and announced once.
 */
@ApplicationScoped
public class CompletionJob {

    private static final Logger LOG = Logger.getLogger(CompletionJob.class);

    private final AgreementEndings endings;

    public CompletionJob(AgreementEndings endings) {
        this.endings = endings;
    }

    @Scheduled(identity = "agreements-completion", every = "${mentoring.agreements.completion-every:1h}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return complete(LocalDate.now(ZoneOffset.UTC)).replaceWithVoid();
    }

    /** Completes everything due on {@code today}, batch after batch; the item is how many agreements this call completed. */
    public Uni<Integer> complete(LocalDate today) {
        return completeFrom(today, 0).invoke(n -> {
            if (n > 0) {
                LOG.infof("Completed %d agreements whose end date passed", n);
            }
        });
    }

    private Uni<Integer> completeFrom(LocalDate today, int before) {
        return endings.completeDue(today).chain(n -> n < AgreementEndings.COMPLETION_BATCH
                ? Uni.createFrom().item(before + n)
                : completeFrom(today, before + n));
    }
}
