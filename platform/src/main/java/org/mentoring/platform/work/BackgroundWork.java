package org.mentoring.platform.work;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
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
     * Starts {@code work} now, from anywhere (a Vert.x timer, say): a worker thread runs it on a fresh duplicated
     * context through Quarkus' public {@link VertxContextSupport} and waits for it; failures are logged;
     * {@code onEnd} runs either way. Periodic work of a second or more should be a {@code @Scheduled} method
     * returning {@code Uni} instead; this is for what must tick faster (the outbox relay).
     */
    public void submit(String description, Supplier<Uni<?>> work, Runnable onEnd) {
        vertx.executeBlocking(() -> {
            try {
                VertxContextSupport.subscribeAndAwait(() -> Uni.createFrom().deferred(work));
            } catch (Throwable failure) {
                LOG.warnf("%s failed: %s", description, failure.toString());
            } finally {
                onEnd.run();
            }
            return null;
        }, false);
    }

    /** Runs a blocking or CPU-heavy step on a worker thread and comes back to the caller's context. */
    public <T> Uni<T> blocking(Callable<T> step) {
        return Uni.createFrom().completionStage(() -> vertx.executeBlocking(step, false).toCompletionStage());
    }
}
