package org.mentoring.matching.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Everything matching-service reads from its own configuration, one mapping per group of keys (the platform maps its
 * own). A key under one of these prefixes that no method names fails the start, so a misspelt setting is never silently
 * ignored.
 */
public final class MatchingConfig {

    private MatchingConfig() {
    }

    /** {@code mentoring.matching.*} */
    @ConfigMapping(prefix = "mentoring.matching")
    public interface Matching {

        /** The most people (mentees and mentors together) one run takes; a larger pool is refused with 422. */
        @WithDefault("4000")
        int maxPoolSize();

        /**
         * How long a run requested right after the programme was closed waits (WAITING) for the closing event to reach
         * matching before it fails saying so.
         */
        @WithDefault("2m")
        Duration waitForProgramme();
    }

    /** Matching runs as background work ({@code mentoring.runs.*}). */
    @ConfigMapping(prefix = "mentoring.runs")
    public interface Runs {

        /** A run whose worker has not reported for this long is taken over by another replica. */
        @WithDefault("30s")
        Duration staleAfter();
    }
}
