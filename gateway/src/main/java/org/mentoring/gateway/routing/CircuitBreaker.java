package org.mentoring.gateway.routing;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One upstream's circuit breaker. Closed, every request goes through. After {@code failureThreshold}
 * consecutive failed exchanges it opens: requests are refused at once (503 with {@code Retry-After}) instead of
 * each waiting for a timeout, which would tie up the gateway's connections and the callers. After
 * {@code openFor} the next request is let through as a probe (half-open): its success closes the breaker, its
 * failure opens it again. A probe that never reports back (its caller vanished) is replaced after
 * {@code openFor}.
 * <p>
 * Shared by all event loops. The closed state, the common case, is read from a volatile field without a lock.
 */
public final class CircuitBreaker {

    enum State { CLOSED, OPEN, HALF_OPEN }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int failureThreshold;
    private final long openForNanos;
    private final LongSupplier nanoClock;

    private volatile boolean healthy = true;
    private State state = State.CLOSED;
    private volatile int failures;
    private long since;

    public CircuitBreaker(int failureThreshold, Duration openFor, LongSupplier nanoClock) {
        if (failureThreshold < 1 || openFor.isNegative() || openFor.isZero()) {
            throw new IllegalArgumentException("A circuit breaker needs a threshold >= 1 and a positive open time");
        }
        this.failureThreshold = failureThreshold;
        this.openForNanos = openFor.toNanos();
        this.nanoClock = nanoClock;
    }

    /** @return 0 when the request may go to the upstream, else the seconds the caller should wait */
    public long tryAcquire() {
        if (healthy) {
            return 0;
        }
        synchronized (this) {
            long now = nanoClock.getAsLong();
            long waited = now - since;
            switch (state) {
                case CLOSED:
                    return 0;
                case OPEN:
                    if (waited >= openForNanos) {
                        state = State.HALF_OPEN;
                        since = now;
                        return 0;
                    }
                    return ceilSeconds(openForNanos - waited);
                default:
                    if (waited >= openForNanos) {
                        since = now;
                        return 0;
                    }
                    // A probe is under way and will decide soon.
                    return 1;
            }
        }
    }

    /** The upstream answered. */
    public void onSuccess() {
        if (healthy && failures == 0) {
            return;
        }
        synchronized (this) {
            state = State.CLOSED;
            failures = 0;
            healthy = true;
        }
    }

    /** No answer: no connection, a timeout, or the connection lost. */
    public synchronized void onFailure() {
        if (state == State.OPEN) {
            return;
        }
        failures++;
        if (state == State.HALF_OPEN || failures >= failureThreshold) {
            state = State.OPEN;
            since = nanoClock.getAsLong();
            failures = 0;
            healthy = false;
        }
    }

    /** What to tell a refused caller: the time left while open, else one second. */
    public synchronized long retryAfterSeconds() {
        if (state == State.OPEN) {
            return Math.max(1, ceilSeconds(openForNanos - (nanoClock.getAsLong() - since)));
        }
        return 1;
    }

    synchronized State state() {
        return state;
    }

    private static long ceilSeconds(long nanos) {
        return Math.max(1, (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
    }
}
