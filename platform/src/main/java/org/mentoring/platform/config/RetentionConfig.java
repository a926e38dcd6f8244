package org.mentoring.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How long the platform keeps its own bookkeeping ({@code mentoring.retention.*}); a service maps its own kinds of data
 * under the same prefix in its own configuration interface.
 */
@ConfigMapping(prefix = "mentoring.retention")
public interface RetentionConfig {

    /** Published outbox rows. */
    @WithDefault("7d")
    Duration outbox();

    /** Ids of applied events, against which redeliveries are recognised. */
    @WithDefault("35d")
    Duration processedEvents();

    /** Answers remembered for an Idempotency-Key. */
    @WithDefault("24h")
    Duration idempotencyKeys();

    /** How often what is past its retention is purged, on every replica. */
    @WithDefault("1h")
    Duration purgeEvery();

    /** How long after start the first purge runs. */
    @WithDefault("1m")
    Duration purgeDelay();
}
