package org.mentoring.sessions.progress.service;

import org.mentoring.sessions.config.SessionsConfig;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * Runs the cadence check every {@code mentoring.cadence-check.interval} ({@code off} or 0 switches it off), on every
 * replica: the check itself claims its pairs, so replicas ticking at once send each reminder and at-risk alert once.
 */
@ApplicationScoped
public class CadenceTimer {

    private static final Logger LOG = Logger.getLogger(CadenceTimer.class);

    private final ProgressService progress;

    public CadenceTimer(ProgressService progress) {
        this.progress = progress;
    }

    @Scheduled(identity = "cadence-check", every = "${mentoring.cadence-check.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = SwitchedOff.class)
    Uni<Void> tick() {
        return progress.checkCadence(Instant.now())
                .invoke(r -> LOG.infof("Cadence check: %d pairs, %d reminded, %d at risk", r.checked(), r.reminded(), r.flaggedAtRisk()))
                .replaceWithVoid();
    }

    /** An interval of 0 switches the check off (as does {@code off}, which the scheduler itself understands). */
    @Singleton
    static class SwitchedOff implements Scheduled.SkipPredicate {

        private final boolean off;

        SwitchedOff(SessionsConfig.CadenceCheck config) {
            String value = config.interval().trim();
            this.off = value.equalsIgnoreCase("off") || value.equalsIgnoreCase("disabled")
                    || Duration.parse(Character.isDigit(value.charAt(0)) ? "PT" + value : value).toMillis() <= 0;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return off;
        }
    }
}
