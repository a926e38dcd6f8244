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
 * Runs reactive work that no request waits for (the outbox relay, a matching run) the way Hibernate
 * Reactive needs it: on a fresh duplicated Vert.x context marked safe. CPU-heavy steps inside it go
 * through {@link #blocking(Callable)} so that the event loop stays free.
 */
@ApplicationScoped
public class BackgroundWork {

    private static final Logger LOG = Logger.getLogger(BackgroundWork.class);

    private final Vertx vertx;

    public BackgroundWork(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Starts {@code work} now on its own context; failures are logged; {@code onEnd} runs either way. */
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
