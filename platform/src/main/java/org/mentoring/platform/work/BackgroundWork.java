package org.mentoring.platform.work;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Helpers for work that no request waits for. Periodic work is a {@code @Scheduled} method returning {@code Uni}
 * (the scheduler runs it on a safe duplicated context, where {@code Panache.withTransaction} works, and
 * {@code concurrentExecution = SKIP} keeps one tick at a time per replica); work shared by replicas claims its rows
 * ({@code FOR UPDATE SKIP LOCKED} or a conditional update) instead of assuming it runs alone. CPU-heavy steps go
 * through {@link #blocking(Callable)} so that the event loop stays free.
 */
@ApplicationScoped
public class BackgroundWork {

    private static final Logger LOG = Logger.getLogger(BackgroundWork.class);

    private final Vertx vertx;

    public BackgroundWork(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Starts {@code work} now on its own context; failures are logged; {@code onEnd} runs either way. Kept for callers
     * that start work from a Vert.x timer (it marks the context safe through a Quarkus-internal class); new periodic
     * work should be a {@code @Scheduled} method returning {@code Uni} instead.
     */
    public void submit(String description, Supplier<Uni<?>> work, Runnable onEnd) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> Uni.createFrom().deferred(work).subscribe().with(
                done -> onEnd.run(),
                failure -> {
                    LOG.warnf("%s failed: %s", description, failure.toString());
                    onEnd.run();
                }));
    }

    /** Runs a blocking or CPU-heavy step on a worker thread and comes back to the caller's context. */
    public <T> Uni<T> blocking(Callable<T> step) {
        return Uni.createFrom().completionStage(() -> vertx.executeBlocking(step, false).toCompletionStage());
    }
}
