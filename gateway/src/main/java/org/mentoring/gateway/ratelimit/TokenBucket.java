package org.mentoring.gateway.ratelimit;

/**
 * One caller's token bucket for one rate-limit class: holds up to {@code capacity} tokens, gains
 * {@code refillPerSecond} a second, and each request takes one. A caller may so burst {@code capacity} requests
 * and then keep up {@code refillPerSecond} a second.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double capacity;
    private final double refillPerNano;
    private double tokens;
    private long updatedNanos;

    TokenBucket(long capacity, double refillPerSecond, long nowNanos) {
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / NANOS_PER_SECOND;
        this.tokens = capacity;
        this.updatedNanos = nowNanos;
    }

    /** Takes a token if there is one; either way reports what the caller has left. */
    synchronized RateLimitDecision take(long nowNanos) {
        refill(nowNanos);
        boolean allowed = tokens >= 1;
        if (allowed) {
            tokens -= 1;
        }
        long retryAfter = allowed ? 0 : ceilSeconds((1 - tokens) / refillPerNano);
        return new RateLimitDecision(allowed, (long) Math.floor(tokens), ceilSeconds((capacity - tokens) / refillPerNano),
                retryAfter);
    }

    /** Full again: forgetting it changes nothing, since a new bucket starts full. */
    synchronized boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - updatedNanos);
        tokens = Math.min(capacity, tokens + elapsed * refillPerNano);
        updatedNanos = nowNanos;
    }

    private static long ceilSeconds(double nanos) {
        return nanos <= 0 ? 0 : (long) Math.ceil(nanos / NANOS_PER_SECOND);
    }
}
