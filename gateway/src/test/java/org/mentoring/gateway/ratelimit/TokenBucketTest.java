package org.mentoring.gateway.ratelimit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Token bucket arithmetic on a hand-driven clock. */
class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void burstThenSustainedRate() {
        TokenBucket bucket = new TokenBucket(2, 4, 0);

        assertThat(bucket.take(0)).isEqualTo(new RateLimitDecision(true, 1, 1, 0));
        assertThat(bucket.take(0)).isEqualTo(new RateLimitDecision(true, 0, 1, 0));
        RateLimitDecision refused = bucket.take(0);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);

        // A quarter second gives one token back.
        assertThat(bucket.take(SECOND / 4).allowed()).isTrue();
        assertThat(bucket.take(SECOND / 4).allowed()).isFalse();
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        TokenBucket bucket = new TokenBucket(3, 1, 0);
        bucket.take(0);

        assertThat(bucket.isFull(100 * SECOND)).isTrue();
        assertThat(bucket.take(100 * SECOND).remaining()).isEqualTo(2);
    }

    @Test
    void slowRefillWaitsSeveralSeconds() {
        TokenBucket bucket = new TokenBucket(1, 0.2, 0);
        bucket.take(0);

        RateLimitDecision refused = bucket.take(SECOND);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(4);
        assertThat(refused.resetSeconds()).isEqualTo(4);
    }
}
