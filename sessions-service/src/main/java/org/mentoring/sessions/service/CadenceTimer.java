package org.mentoring.sessions.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.mentoring.platform.work.BackgroundWork;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs the cadence check on a Vert.x timer every {@code mentoring.cadence-check.interval} (0 switches it off). */
@ApplicationScoped
public class CadenceTimer {

    private static final Logger LOG = Logger.getLogger(CadenceTimer.class);

    private final Vertx vertx;
    private final BackgroundWork work;
    private final ProgressService progress;
    private final Duration interval;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timerId = -1;

    public CadenceTimer(Vertx vertx, BackgroundWork work, ProgressService progress,
                        @ConfigProperty(name = "mentoring.cadence-check.interval") Duration interval) {
        this.vertx = vertx;
        this.work = work;
        this.progress = progress;
        this.interval = interval;
    }

    void start(@Observes StartupEvent ignored) {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        timerId = vertx.setPeriodic(interval.toMillis(), id -> {
            if (running.compareAndSet(false, true)) {
                work.submit("Cadence check", () -> progress.checkCadence(Instant.now())
                        .invoke(r -> LOG.infof("Cadence check: %d pairs, %d reminded, %d at risk", r.checked(), r.reminded(),
                                r.flaggedAtRisk())), () -> running.set(false));
            }
        });
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }
}
