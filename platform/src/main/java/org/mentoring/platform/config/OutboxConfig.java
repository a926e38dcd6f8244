package org.mentoring.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The outbox relay of every service ({@code mentoring.outbox.*}). */
@ConfigMapping(prefix = "mentoring.outbox")
public interface OutboxConfig {

    /** How often the relay looks for committed rows when nothing woke it. */
    @WithDefault("0.2s")
    Duration pollInterval();

    /** Rows of the regular lane relayed in one wave. */
    @WithDefault("100")
    int batchSize();

    /**
     * Rows of the bulk lane relayed in one wave: nobody waits for one of them in particular, so fewer, bigger waves
     * (each costs a transaction and a round of acknowledgements).
     */
    @WithDefault("500")
    int bulkBatchSize();

    /** Attempts before a row the broker keeps refusing is quarantined. */
    @WithDefault("10")
    int maxAttempts();

    /** The first delay after a refused row; it doubles up to {@link #maxBackoff()}. */
    @WithDefault("1s")
    Duration initialBackoff();

    @WithDefault("5m")
    Duration maxBackoff();

    /** How often the backlog gauges are refreshed. */
    @WithDefault("10s")
    Duration sampleEvery();

    /** Whether the relay is woken by PostgreSQL's NOTIFY on commit (polling stays the safety net). */
    @WithDefault("true")
    boolean listen();

    /** The delay before the listening connection is opened again after it was lost. */
    @WithDefault("1s")
    Duration listenReconnect();
}
