package org.mentoring.gateway.routing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The breaker's states on a hand-driven clock. */
class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong();
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), now::get);

    private void advanceSeconds(double seconds) {
        now.addAndGet((long) (seconds * 1e9));
    }

    @Test
    void opensOnlyAfterConsecutiveFailures() {
        breaker.onFailure();
        breaker.onFailure();
        breaker.onSuccess();
        breaker.onFailure();
        breaker.onFailure();
        assertThat(breaker.tryAcquire()).isZero();

        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquire()).isEqualTo(10);
        advanceSeconds(7.5);
        assertThat(breaker.tryAcquire()).isEqualTo(3);
        assertThat(breaker.retryAfterSeconds()).isEqualTo(3);
    }

    @Test
    void halfOpenLetsOneProbeThroughAndItsSuccessCloses() {
        trip();
        advanceSeconds(10);

        assertThat(breaker.tryAcquire()).isZero();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breaker.tryAcquire()).isEqualTo(1);

        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.tryAcquire()).isZero();
    }

    @Test
    void failedProbeOpensAgain() {
        trip();
        advanceSeconds(10);
        assertThat(breaker.tryAcquire()).isZero();

        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquire()).isEqualTo(10);
    }

    @Test
    void aLostProbeIsReplaced() {
        trip();
        advanceSeconds(10);
        assertThat(breaker.tryAcquire()).isZero();
        advanceSeconds(10);
        assertThat(breaker.tryAcquire()).isZero();
    }

    private void trip() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure();
        }
    }
}
