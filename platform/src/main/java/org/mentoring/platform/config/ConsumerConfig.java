package org.mentoring.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How every service consumes its Kafka topics ({@code mentoring.consumer.*}). */
@ConfigMapping(prefix = "mentoring.consumer")
public interface ConsumerConfig {

    /** Kafka consumers per incoming channel in each replica (read by the channels' configuration). */
    @WithDefault("2")
    int concurrency();

    /** Records a channel applies side by side in each replica (one key's records stay in order). */
    @WithDefault("8")
    int window();

    Retry retry();

    /** A record whose handler fails is retried with backoff; what can never be applied is dead-lettered. */
    interface Retry {
        @WithDefault("100ms")
        Duration initialBackoff();

        @WithDefault("10s")
        Duration maxBackoff();

        /** Attempts for a failure that is neither known transient nor known permanent. */
        @WithDefault("8")
        int maxUnclassifiedAttempts();
    }
}
