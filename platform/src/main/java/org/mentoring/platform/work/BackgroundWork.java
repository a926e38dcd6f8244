package org.mentoring.platform.work;

import io.quarkus.vertx.VertxContextSupport;
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
     * Starts {@code work} now, from anywhere (a Vert.x timer, say, or other work): a worker thread runs it on a
     * duplicated context of its own (so in a Hibernate session and transaction of its own) through Quarkus' public
     * {@link VertxContextSupport} and waits for it; failures are logged;
     * {@code onEnd} runs either way. Periodic work of a second or more should be a {@code @Scheduled} method
     * returning {@code Uni} instead; this is for what must tick faster (the outbox relay).
     */
    public void submit(String description, Supplier<Uni<?>> work, Runnable onEnd) {
        // A duplicated context of its own, whoever calls. Called from within other work (a relay lane waking the other
        // one, a run started again from its end), the worker would otherwise run on the caller's duplicated context,
        // and Panache would hand the work the caller's Hibernate session and transaction.
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        context.executeBlocking(() -> {
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
