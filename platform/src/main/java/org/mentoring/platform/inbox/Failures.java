package org.mentoring.platform.inbox;

import io.vertx.pgclient.PgException;
import org.apache.kafka.common.errors.RetriableException;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure that is not the record's fault (the database or the broker was away, a lock or a
 * serialisation conflict) from one that is. The first kind is retried until it succeeds; the second is
 * retried a few times and then dead-lettered.
 */
public final class Failures {

    /**
     * SQLSTATE classes and codes that mean "try again": connection exceptions (08), serialization failure and
     * deadlock (40001, 40P01), insufficient resources (53), operator intervention such as a restart or
     * {@code pg_terminate_backend} (57P0x), lock not available (55P03), and a database that does not accept
     * connections at the moment (55000, e.g. {@code ALLOW_CONNECTIONS false} during maintenance).
     */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "55P03", "55000", "57P01", "57P02", "57P03");
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53");

    private static final Set<String> TRANSIENT_TYPES = Set.of(
            // Vert.x: a connection closed under a running query, a pool that could not connect in time
            "io.vertx.core.VertxException",
            "io.vertx.core.impl.NoStackTraceThrowable",
            "io.vertx.core.impl.NoStackTraceTimeoutException",
            "io.vertx.sqlclient.ClosedConnectionException",
            "io.netty.channel.ConnectTimeoutException",
            "io.netty.channel.StacklessClosedChannelException",
            // Hibernate: optimistic locking lost a race, a lock could not be taken, JDBC connection trouble
            "org.hibernate.StaleObjectStateException",
            "org.hibernate.StaleStateException",
            "jakarta.persistence.OptimisticLockException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.exception.JDBCConnectionException",
            "org.hibernate.PessimisticLockException");

    private Failures() {
    }

    /** Whether {@code failure}, or anything in its cause chain, is a transient infrastructure failure. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PoisonEventException) {
                return false;
            }
            if (t instanceof IOException || t instanceof TimeoutException || t instanceof RetriableException) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                String state = pg.getSqlState();
                if (TRANSIENT_STATES.contains(state) || TRANSIENT_CLASSES.contains(state.substring(0, 2))) {
                    return true;
                }
            }
            for (Class<?> c = t.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                if (TRANSIENT_TYPES.contains(c.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the record itself can never be applied: it goes to the dead-letter topic at once. */
    public static boolean isPoison(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PoisonEventException) {
                return true;
            }
        }
        return false;
    }

    /** A one-line description of the failure and its root cause, for logs and dead-letter headers. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (root != failure) {
            text += " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
