package org.mentoring.platform.work;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Duration;

/**
 * A pause that resumes on the Vert.x context it was asked from: Hibernate Reactive expects the work after it to go on
 * there (a plain Mutiny delay would resume on a worker pool thread, where a reactive session cannot be used).
 */
public final class Pause {

    private Pause() {
    }

    /** Completes after {@code delay} on {@code context} (or on the timer's thread when there is none). */
    public static Uni<Void> of(Vertx vertx, Duration delay, Context context) {
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
            if (context != null) {
                context.runOnContext(ignored -> emitter.complete(null));
            } else {
                emitter.complete(null);
            }
        }));
    }

    /** Completes after {@code delay} on the caller's current Vert.x context. */
    public static Uni<Void> of(Vertx vertx, Duration delay) {
        return of(vertx, delay, Vertx.currentContext());
    }
}
