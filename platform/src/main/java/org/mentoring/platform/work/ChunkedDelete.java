package org.mentoring.platform.work;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.time.Instant;

/**
 * Deletes what is past its retention a chunk at a time, each chunk in a transaction of its own, so that a large purge
 * never holds long locks or one huge transaction. Deleting is idempotent: every replica may run the same purge.
 */
public final class ChunkedDelete {

    /** Rows per chunk; the delete statements say {@code limit} {@value}. */
    public static final int CHUNK = 5000;

    private ChunkedDelete() {
    }

    /**
     * Runs {@code sql} (a delete of at most {@link #CHUNK} rows older than the parameter {@code :before}) until a chunk
     * comes back short; returns how many rows went.
     */
    public static Uni<Long> olderThan(String sql, Instant before) {
        return from(sql, before, 0);
    }

    private static Uni<Long> from(String sql, Instant before, long sofar) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(sql)
                        .setParameter("before", before).executeUpdate()))
                .chain(n -> n < CHUNK ? Uni.createFrom().item(sofar + n) : from(sql, before, sofar + n));
    }
}
